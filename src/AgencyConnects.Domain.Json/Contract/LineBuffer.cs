using System;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>The bytes of a stream read so far, cut into lines as they complete; grows to hold the longest line.</summary>
internal sealed class LineBuffer
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The zero-based index of the next line.</summary>
    public int Index { get; set; }

    /// <summary>Takes the next complete line (without its newline), if one has arrived.</summary>
    public bool TryTake(out byte[] buffer, out int start, out int length)
    {
        buffer = _buffer;
        start = _start;
        int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        length = newline;
        if (newline < 0)
        {
            return false;
        }

        _start += newline + 1;
        return true;
    }

    /// <summary>Takes what is left after the last newline, at the end of the stream.</summary>
    public bool TakeRest(out byte[] buffer, out int start, out int length)
    {
        buffer = _buffer;
        start = _start;
        length = _end - _start;
        _start = _end;
        return length > 0;
    }

    /// <summary>Where the next read goes: the unread bytes are moved to the front, and the buffer grows when it is full.</summary>
    public Span<byte> Room() => RoomMemory().Span;

    /// <inheritdoc cref="Room"/>
    public Memory<byte> RoomMemory()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records a read of <paramref name="count"/> bytes; false at the end of the stream.</summary>
    public bool Fill(int count)
    {
        _end += count;
        return count > 0;
    }
}
