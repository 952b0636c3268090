using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json.Contract;
using AgencyConnects.Domain.Plans;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Json;

/// <summary>
/// The JSON contract of account events and snapshots (DOMAIN §9): writes every <see cref="AccountEvent"/> as one
/// object that starts with its type tag and schema version
/// (<c>{"type":"ConnectsBought","schema":1,"at":"2025-01-10T09:00:00Z",…}</c>), and reads it back, one event per call
/// or a batch at a time (a JSON array, or newline-delimited JSON); and an <see cref="AccountSnapshot"/> the same way
/// (<see cref="WriteSnapshot"/>, <see cref="ReadSnapshot(ReadOnlySpan{byte})"/>).
/// </summary>
/// <remarks>
/// <para>Catalogs and time zones are written as identifiers (<see cref="PlanCatalog.Name"/>, <see cref="DateTimeZone.Id"/>),
/// never copied; reading resolves them through <see cref="Catalogs"/> and <see cref="Zones"/>.</para>
/// <para>Reading never throws for bad input: truncated or malformed text, an unknown type tag, a schema version this
/// package does not read, a missing, extra or repeated field, a wrong JSON type, a value the domain refuses (a negative
/// or too large quantity, a blank identifier, an unknown name), an unknown catalog or zone each return a
/// <see cref="JsonContractError"/> with the path of the offending field, and nothing is built from such a document.
/// Only a <c>null</c> argument throws.</para>
/// <para>What one version wrote, every later version reads: a change to the contract adds a schema version and keeps
/// reading the older ones. Instances are immutable and safe to share between threads; serialization is
/// source-generated (no reflection), so the package trims and runs under Native AOT.</para>
/// </remarks>
[SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Writing needs no catalog or zone, but a host holds one instance that writes and reads.")]
public sealed class AccountEventJson
{
    /// <summary>The schema version this package writes: 1. It reads every version from 1 to this one.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = false };

    /// <summary>Creates a reader and writer of the contract.</summary>
    /// <param name="catalogs">The catalogs documents may name; <see cref="PlanCatalogRegistry.Default"/> (the shipped catalogs) when null.</param>
    /// <param name="zones">The time zones documents may name; <see cref="DateTimeZoneProviders.Tzdb"/> when null.</param>
    public AccountEventJson(PlanCatalogRegistry? catalogs = null, IDateTimeZoneProvider? zones = null)
    {
        Catalogs = catalogs ?? PlanCatalogRegistry.Default;
        Zones = zones ?? DateTimeZoneProviders.Tzdb;
    }

    /// <summary>The contract with the shipped catalogs and the TZDB time zones.</summary>
    public static AccountEventJson Default { get; } = new();

    /// <summary>The catalogs a document's catalog name is resolved in.</summary>
    public PlanCatalogRegistry Catalogs { get; }

    /// <summary>The provider a document's time zone identifier is resolved by.</summary>
    public IDateTimeZoneProvider Zones { get; }

    /// <summary>Writes one event as a JSON string.</summary>
    /// <param name="accountEvent">An event the library returned.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is not one of the library's types, or holds an enum value its type does not define (no operation returns one).</exception>
    public string Write(AccountEvent accountEvent)
    {
        (EventDto dto, JsonTypeInfo typeInfo) = Shape(accountEvent);
        return JsonSerializer.Serialize(dto, typeInfo);
    }

    /// <summary>Writes one event as UTF-8 JSON.</summary>
    /// <param name="accountEvent">An event the library returned.</param>
    /// <returns>The JSON document, UTF-8 encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is not one of the library's types, or holds an undefined enum value.</exception>
    public byte[] WriteUtf8(AccountEvent accountEvent)
    {
        (EventDto dto, JsonTypeInfo typeInfo) = Shape(accountEvent);
        return JsonSerializer.SerializeToUtf8Bytes(dto, typeInfo);
    }

    /// <summary>Writes one event to a JSON writer, as one value (an array element, a property's value, or the document).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="accountEvent">An event the library returned.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The event is not one of the library's types, or holds an undefined enum value.</exception>
    public void WriteTo(Utf8JsonWriter writer, AccountEvent accountEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        (EventDto dto, JsonTypeInfo typeInfo) = Shape(accountEvent);
        JsonSerializer.Serialize(writer, dto, typeInfo);
    }

    /// <summary>Writes one event to a stream as UTF-8 JSON.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="accountEvent">An event the library returned.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The event is not one of the library's types, or holds an undefined enum value.</exception>
    public void WriteTo(Stream stream, AccountEvent accountEvent)
    {
        ArgumentNullException.ThrowIfNull(stream);
        (EventDto dto, JsonTypeInfo typeInfo) = Shape(accountEvent);
        JsonSerializer.Serialize(stream, dto, typeInfo);
    }

    /// <summary>Writes events as one JSON array, UTF-8 encoded.</summary>
    /// <param name="events">The events, in order.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">An event is not one of the library's types, or holds an undefined enum value.</exception>
    public byte[] WriteArray(IEnumerable<AccountEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            WriteArray(writer, events);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes events to a stream as one JSON array, UTF-8 encoded.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="events">The events, in order.</param>
    /// <exception cref="ArgumentNullException">An argument or one of the events is null.</exception>
    /// <exception cref="ArgumentException">An event is not one of the library's types, or holds an undefined enum value.</exception>
    public void WriteArray(Stream stream, IEnumerable<AccountEvent> events)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, s_writerOptions);
        WriteArray(writer, events);
    }

    /// <summary>Writes events as newline-delimited JSON (one document a line, each ending with <c>\n</c>), UTF-8 encoded.</summary>
    /// <param name="events">The events, in order.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">An event is not one of the library's types, or holds an undefined enum value.</exception>
    public byte[] WriteLines(IEnumerable<AccountEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteLines(buffer, events);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes events to a stream as newline-delimited JSON (one document a line, each ending with <c>\n</c>), UTF-8 encoded.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="events">The events, in order.</param>
    /// <exception cref="ArgumentNullException">An argument or one of the events is null.</exception>
    /// <exception cref="ArgumentException">An event is not one of the library's types, or holds an undefined enum value.</exception>
    public void WriteLines(Stream stream, IEnumerable<AccountEvent> events)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteLines(buffer, events, stream);
    }

    /// <summary>
    /// Writes an account's snapshot (<see cref="ConnectsAccount.ToSnapshot"/>) as a JSON string: one object with the
    /// type tag <c>AccountSnapshot</c> and the schema version, its catalog and zone by identifier, and the events it
    /// holds (the pending change, the requests inside the retention window) as event documents.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot holds an undefined enum value or an event that is not one of the library's types (no account's snapshot does).</exception>
    public string WriteSnapshot(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.Serialize(SnapshotContract.ToDto(snapshot), ContractContext.Strict.SnapshotDto);
    }

    /// <summary>Writes an account's snapshot as UTF-8 JSON, as <see cref="WriteSnapshot"/> does.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The JSON document, UTF-8 encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot holds an undefined enum value or an event that is not one of the library's types.</exception>
    public byte[] WriteSnapshotUtf8(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.SerializeToUtf8Bytes(SnapshotContract.ToDto(snapshot), ContractContext.Strict.SnapshotDto);
    }

    /// <summary>
    /// Reads an account's snapshot from UTF-8 JSON, with the checks of an event document: the events it holds are read
    /// as events (their errors' paths start at theirs: <c>$.requests[2].quantity</c>), and its catalog and zone must
    /// resolve. Load the account from it with <c>AgencyAccount.Load</c> or <c>FreelancerAccount.Load</c>, which check
    /// what only a whole snapshot can show.
    /// </summary>
    /// <param name="utf8">The document.</param>
    /// <returns>The snapshot, or the <see cref="JsonContractError"/> that names what is wrong and where.</returns>
    public OneOf<AccountSnapshot, JsonContractError> ReadSnapshot(ReadOnlySpan<byte> utf8)
    {
        utf8 = WithoutByteOrderMark(utf8);
        if (Header(utf8, out string? tag) is { } headerError)
        {
            return headerError;
        }

        if (tag != SnapshotContract.Tag)
        {
            return new UnknownTypeTag("$.type", tag!);
        }

        var reader = new ContractReader(Catalogs, Zones);
        AccountSnapshot? snapshot = null;
        try
        {
            SnapshotDto? dto = JsonSerializer.Deserialize(utf8, ContractContext.Strict.SnapshotDto);
            if (dto is not null && reader.Known(dto, "$"))
            {
                snapshot = reader.Snapshot(dto, Read);
            }
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            return Diagnosis.Of(utf8, e, ContractContext.Strict.SnapshotDto);
        }

        return reader.Error is { } error ? error
            : snapshot is null ? new WrongJsonType("$", "object")
            : snapshot;
    }

    /// <summary>Reads an account's snapshot from a JSON string, as <see cref="ReadSnapshot(ReadOnlySpan{byte})"/> does.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The snapshot, or the <see cref="JsonContractError"/> that names what is wrong and where.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public OneOf<AccountSnapshot, JsonContractError> ReadSnapshot(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReadSnapshot(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads one event from UTF-8 JSON.</summary>
    /// <param name="utf8">The document.</param>
    /// <returns>The event, or the <see cref="JsonContractError"/> that names what is wrong and where.</returns>
    public OneOf<AccountEvent, JsonContractError> Read(ReadOnlySpan<byte> utf8)
    {
        utf8 = WithoutByteOrderMark(utf8);
        if (Header(utf8, out string? tag) is { } headerError)
        {
            return headerError;
        }

        if (!EventReader.Shapes.TryGetValue(tag!, out EventShape? shape))
        {
            return new UnknownTypeTag("$.type", tag!);
        }

        var reader = new ContractReader(Catalogs, Zones);
        AccountEvent? accountEvent;
        try
        {
            accountEvent = shape!.Read(utf8, reader);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            return Diagnosis.Of(utf8, e, shape!.TypeInfo);
        }

        return reader.Error is { } error ? error
            : accountEvent is null ? new WrongJsonType("$", "object")
            : accountEvent;
    }

    /// <summary>Reads one event from a JSON string.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The event, or the <see cref="JsonContractError"/> that names what is wrong and where.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public OneOf<AccountEvent, JsonContractError> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads events from one JSON array of event documents, UTF-8 encoded.</summary>
    /// <param name="utf8">The array.</param>
    /// <returns>
    /// The events in order, or the first error; the path of an error in an element starts with the element's index
    /// (<c>$[3].quantity</c>).
    /// </returns>
    public OneOf<ImmutableArray<AccountEvent>, JsonContractError> ReadArray(ReadOnlySpan<byte> utf8)
    {
        utf8 = WithoutByteOrderMark(utf8);
        var events = ImmutableArray.CreateBuilder<AccountEvent>();
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return Diagnosis.Syntax(utf8) ?? new WrongJsonType("$", "array");
            }

            int index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = checked((int)reader.TokenStartIndex);
                reader.Skip();
                int end = checked((int)reader.BytesConsumed);
                if (Read(utf8[start..end]).TryPickT1(out JsonContractError error, out AccountEvent accountEvent))
                {
                    return InBatch(error, index);
                }

                events.Add(accountEvent);
                index++;
            }

            if (reader.Read())
            {
                return new MalformedJson("$");
            }
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            return Diagnosis.Syntax(utf8) ?? new MalformedJson("$");
        }

        return events.DrainToImmutable();
    }

    /// <summary>Reads events from newline-delimited JSON, UTF-8 encoded: one document a line; blank lines are skipped.</summary>
    /// <param name="utf8">The lines.</param>
    /// <returns>
    /// The events in order, or the first error; the path of an error starts with the zero-based index of its line,
    /// blank lines counted (<c>$[3].quantity</c> is on the fourth line).
    /// </returns>
    public OneOf<ImmutableArray<AccountEvent>, JsonContractError> ReadLines(ReadOnlySpan<byte> utf8)
    {
        utf8 = WithoutByteOrderMark(utf8);
        var events = ImmutableArray.CreateBuilder<AccountEvent>();
        int line = 0;
        while (!utf8.IsEmpty)
        {
            int newline = utf8.IndexOf((byte)'\n');
            ReadOnlySpan<byte> text = (newline < 0 ? utf8 : utf8[..newline]).Trim(" \t\r"u8);
            utf8 = newline < 0 ? default : utf8[(newline + 1)..];
            if (!text.IsEmpty)
            {
                if (Read(text).TryPickT1(out JsonContractError error, out AccountEvent accountEvent))
                {
                    return InBatch(error, line);
                }

                events.Add(accountEvent);
            }

            line++;
        }

        return events.DrainToImmutable();
    }

    /// <summary>
    /// Reads newline-delimited JSON from a stream as it arrives, one result per non-blank line, without holding the
    /// whole stream: for exports and logs too large to read at once. A line with an error does not stop the reading.
    /// </summary>
    /// <param name="stream">The stream, read to its end (and not closed).</param>
    /// <returns>For each non-blank line, its event or its error; an error's path starts with the zero-based index of its line, blank lines counted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public IEnumerable<OneOf<AccountEvent, JsonContractError>> ReadEachLine(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Lines(stream);
    }

    /// <summary>
    /// Reads newline-delimited JSON from a stream as it arrives, one result per non-blank line, without holding the
    /// whole stream. A line with an error does not stop the reading.
    /// </summary>
    /// <param name="stream">The stream, read to its end (and not closed).</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>For each non-blank line, its event or its error; an error's path starts with the zero-based index of its line, blank lines counted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public IAsyncEnumerable<OneOf<AccountEvent, JsonContractError>> ReadEachLineAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return LinesAsync(stream, cancellationToken);
    }

    private IEnumerable<OneOf<AccountEvent, JsonContractError>> Lines(Stream stream)
    {
        var lines = new LineBuffer();
        while (true)
        {
            while (lines.TryTake(out byte[] buffer, out int start, out int length))
            {
                if (ReadLine(buffer, start, length, lines.Index++) is { } result)
                {
                    yield return result;
                }
            }

            if (!lines.Fill(stream.Read(lines.Room())))
            {
                if (lines.TakeRest(out byte[] buffer, out int start, out int length) && ReadLine(buffer, start, length, lines.Index) is { } last)
                {
                    yield return last;
                }

                yield break;
            }
        }
    }

    private async IAsyncEnumerable<OneOf<AccountEvent, JsonContractError>> LinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = new LineBuffer();
        while (true)
        {
            while (lines.TryTake(out byte[] buffer, out int start, out int length))
            {
                if (ReadLine(buffer, start, length, lines.Index++) is { } result)
                {
                    yield return result;
                }
            }

            if (!lines.Fill(await stream.ReadAsync(lines.RoomMemory(), cancellationToken).ConfigureAwait(false)))
            {
                if (lines.TakeRest(out byte[] buffer, out int start, out int length) && ReadLine(buffer, start, length, lines.Index) is { } last)
                {
                    yield return last;
                }

                yield break;
            }
        }
    }

    /// <summary>One line's result, or null for a blank line.</summary>
    private OneOf<AccountEvent, JsonContractError>? ReadLine(byte[] buffer, int start, int length, int index)
    {
        ReadOnlySpan<byte> text = buffer.AsSpan(start, length).Trim(" \t\r"u8);
        if (text.IsEmpty)
        {
            return null;
        }

        OneOf<AccountEvent, JsonContractError> result = Read(text);
        return result.TryPickT1(out JsonContractError error, out _) ? InBatch(error, index) : result;
    }

    private static (EventDto Dto, JsonTypeInfo TypeInfo) Shape(AccountEvent accountEvent)
    {
        ArgumentNullException.ThrowIfNull(accountEvent);
        return EventWriter.ToDto(accountEvent);
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable<AccountEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        writer.WriteStartArray();
        foreach (AccountEvent accountEvent in events)
        {
            (EventDto dto, JsonTypeInfo typeInfo) = Shape(accountEvent);
            JsonSerializer.Serialize(writer, dto, typeInfo);
        }

        writer.WriteEndArray();
    }

    private static void WriteLines(ArrayBufferWriter<byte> buffer, IEnumerable<AccountEvent> events, Stream? stream = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var writer = new Utf8JsonWriter(buffer, s_writerOptions);
        foreach (AccountEvent accountEvent in events)
        {
            (EventDto dto, JsonTypeInfo typeInfo) = Shape(accountEvent);
            JsonSerializer.Serialize(writer, dto, typeInfo);
            writer.Flush();
            buffer.Write("\n"u8);
            writer.Reset();
            if (stream is not null && buffer.WrittenCount >= 16 * 1024)
            {
                stream.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        if (stream is not null)
        {
            stream.Write(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
        }
    }

    /// <summary>A UTF-8 byte order mark at the start, which some tools write, is not part of the document.</summary>
    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8) => utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    private static JsonContractError InBatch(JsonContractError error, int index)
        => error with { Path = "$[" + index.ToString(CultureInfo.InvariantCulture) + "]" + error.Path[1..] };

    private static bool IsReadFailure(Exception e)
        => e is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException or NotSupportedException;

    /// <summary>
    /// Reads the type tag and the schema version, wherever they are in the object, and checks them before the body:
    /// a later schema version is named as such even when its fields are new. On success the tag is not null.
    /// </summary>
    private static JsonContractError? Header(ReadOnlySpan<byte> utf8, out string? tag)
    {
        tag = null;
        long? schema = null;
        JsonContractError? tagProblem = null;
        JsonContractError? schemaProblem = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Diagnosis.Syntax(utf8) ?? new WrongJsonType("$", "object");
            }

            bool tagSeen = false;
            bool schemaSeen = false;
            while (!(tagSeen && schemaSeen) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isTag = reader.ValueTextEquals("type"u8);
                bool isSchema = !isTag && reader.ValueTextEquals("schema"u8);
                _ = reader.Read();
                if (isTag)
                {
                    tagSeen = true;
                    tag = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    tagProblem = reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? null : new WrongJsonType("$.type", "string");
                }
                else if (isSchema)
                {
                    schemaSeen = true;
                    schemaProblem = reader.TokenType switch
                    {
                        JsonTokenType.Number when reader.TryGetInt64(out long written) => Keep(out schema, written),
                        JsonTokenType.Number => new InvalidValue("$.schema", "a schema version is a whole number."),
                        JsonTokenType.Null => null,
                        _ => new WrongJsonType("$.schema", "number"),
                    };
                }

                reader.Skip();
            }
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            return Diagnosis.Syntax(utf8) ?? new MalformedJson("$");
        }

        if (schemaProblem is not null)
        {
            return schemaProblem;
        }

        if (schema is not { } version)
        {
            return new MissingField("$.schema");
        }

        if (version is < 1 or > SchemaVersion)
        {
            return new UnsupportedSchemaVersion("$.schema", version);
        }

        if (tagProblem is not null)
        {
            return tagProblem;
        }

        if (tag is null)
        {
            return new MissingField("$.type");
        }

        return null;
    }

    private static JsonContractError? Keep(out long? schema, long version)
    {
        schema = version;
        return null;
    }
}
