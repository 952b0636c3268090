using System;
using System.Linq;
using System.Text;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using Xunit;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>Batches: a JSON array, or newline-delimited JSON; an error names the document it is in.</summary>
public sealed class BatchTests
{
    private static readonly AccountEventJson s_json = AccountEventJson.Default;
    private static readonly AccountEvent[] s_events = [.. SampleEvents.ByTag.Values];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Empty_batches_read_as_no_events()
    {
        Assert.Empty(s_json.ReadArray(Utf8("[]")).AsT0);
        Assert.Empty(s_json.ReadArray(s_json.WriteArray([])).AsT0);
        Assert.Empty(s_json.ReadLines(Utf8("")).AsT0);
        Assert.Empty(s_json.ReadLines(Utf8("\n \r\n")).AsT0);
    }

    [Fact]
    public void A_byte_order_mark_before_a_document_or_a_batch_is_skipped()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];

        Assert.Equal(s_events[0], s_json.Read([.. bom, .. s_json.WriteUtf8(s_events[0])]).AsT0);
        Assert.Equal(s_events, s_json.ReadArray([.. bom, .. s_json.WriteArray(s_events)]).AsT0);
        Assert.Equal(s_events, s_json.ReadLines([.. bom, .. s_json.WriteLines(s_events)]).AsT0);
    }

    [Fact]
    public void Lines_may_end_with_CRLF_and_blank_lines_are_skipped()
    {
        string lines = string.Join("\r\n\r\n", s_events.Select(s_json.Write));

        Assert.Equal(s_events, s_json.ReadLines(Utf8(lines)).AsT0);
    }

    [Fact]
    public void An_error_in_an_array_element_starts_its_path_with_the_element_index()
    {
        string array = "[" + s_json.Write(s_events[0]) + ",  " + s_json.Write(new ConnectsExpired(s_events[0].At, TestData.C(3))).Replace("3}", "-3}", StringComparison.Ordinal) + "]";

        JsonContractError error = s_json.ReadArray(Utf8(array)).AsT1;

        Assert.Equal("$[1].quantity", Assert.IsType<InvalidValue>(error).Path);
    }

    [Fact]
    public void An_element_that_is_not_an_object_is_WrongJsonType_at_its_index()
        => Assert.Equal(new WrongJsonType("$[1]", "object"), s_json.ReadArray(Utf8("[" + s_json.Write(s_events[0]) + ",7]")).AsT1);

    [Theory]
    [InlineData("{}", "array")]
    [InlineData("7", "array")]
    public void A_batch_that_is_not_an_array_is_WrongJsonType(string json, string expected)
        => Assert.Equal(new WrongJsonType("$", expected), s_json.ReadArray(Utf8(json)).AsT1);

    [Theory]
    [InlineData("[")]
    [InlineData("[{\"type\":")]
    [InlineData("[] []")]
    [InlineData("")]
    public void A_truncated_or_malformed_array_is_MalformedJson(string json)
        => Assert.IsType<MalformedJson>(s_json.ReadArray(Utf8(json)).AsT1);

    [Fact]
    public void An_error_on_a_line_starts_its_path_with_the_line_index()
    {
        string lines = s_json.Write(s_events[0]) + "\n\n" + "{\"type\":\"ConnectsGifted\",\"schema\":1}" + "\n";

        Assert.Equal(new UnknownTypeTag("$[2].type", "ConnectsGifted"), s_json.ReadLines(Utf8(lines)).AsT1);
    }

    [Fact]
    public void A_line_holding_two_documents_is_MalformedJson()
        => Assert.Equal(new MalformedJson("$[0]"), s_json.ReadLines(Utf8(s_json.Write(s_events[0]) + s_json.Write(s_events[1]))).AsT1);

    [Fact]
    public void Lines_read_from_a_stream_as_they_arrive_equal_the_lines_read_at_once()
    {
        byte[] lines = s_json.WriteLines([.. s_events, .. s_events]);
        using var stream = new TrickleStream(lines, 7);

        Assert.Equal(s_json.ReadLines(lines).AsT0, s_json.ReadEachLine(stream).Select(r => r.AsT0));
    }

    [Fact]
    public async System.Threading.Tasks.Task Lines_read_asynchronously_from_a_stream_equal_the_lines_read_at_once()
    {
        byte[] lines = s_json.WriteLines(s_events);
        using var stream = new TrickleStream(lines, 100);
        var read = new System.Collections.Generic.List<AccountEvent>();

        await foreach (var result in s_json.ReadEachLineAsync(stream))
        {
            read.Add(result.AsT0);
        }

        Assert.Equal(s_events, read);
    }

    [Fact]
    public void A_stream_reader_goes_on_after_a_bad_line_and_reads_a_last_line_without_newline_and_lines_longer_than_its_buffer()
    {
        string text = s_json.Write(s_events[0]) + "\n{\"type\":\"ConnectsGifted\",\"schema\":1}\r\n\n" + new string(' ', 40_000) + s_json.Write(s_events[1]);
        using var stream = new TrickleStream(Utf8(text), 4096);

        var results = s_json.ReadEachLine(stream).ToList();

        Assert.Equal(3, results.Count);
        Assert.Equal(s_events[0], results[0].AsT0);
        Assert.Equal(new UnknownTypeTag("$[1].type", "ConnectsGifted"), results[1].AsT1);
        Assert.Equal(s_events[1], results[2].AsT0);
    }

    /// <summary>A stream that hands out at most a few bytes a read, as a network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : System.IO.MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
