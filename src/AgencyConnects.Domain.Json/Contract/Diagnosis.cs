using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NodaTime;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>
/// Names what is wrong with a document System.Text.Json refused, without reading its exception messages (which are
/// neither stable nor in one language): the text is scanned for a syntax error or a repeated field, then the
/// exception's path is followed through the contract's metadata (the kind of JSON value expected there) and through
/// the document (the kind given). Only the failure path runs this.
/// </summary>
internal static class Diagnosis
{
    public static JsonContractError Of(ReadOnlySpan<byte> utf8, Exception exception, JsonTypeInfo root)
    {
        if (Syntax(utf8) is { } syntax)
        {
            return syntax;
        }

        string path = (exception as JsonException)?.Path ?? "$";
        List<object>? segments = Segments(path);
        Type? expectedType = segments is null ? null : ExpectedType(root, segments);
        string? expected = expectedType is null ? null : Kind(expectedType);
        JsonValueKind? actual = segments is null ? null : Actual(utf8, segments);
        if (expected is not null && actual is { } given && !Fits(expected, given))
        {
            return new WrongJsonType(path, expected);
        }

        return new InvalidValue(path, expectedType is null ? "the value does not fit the contract." : Problem(expectedType));
    }

    /// <summary>The first syntax error (<see cref="MalformedJson"/>) or repeated field (<see cref="UnexpectedField"/>), if any.</summary>
    public static JsonContractError? Syntax(ReadOnlySpan<byte> utf8)
    {
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            bool any = false;
            while (reader.Read())
            {
                any = true;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        Frame frame = frames[^1];
                        frame.Name = reader.GetString();
                        if (!frame.Seen!.Add(frame.Name!))
                        {
                            return new UnexpectedField(PathOf(frames));
                        }

                        break;
                    case JsonTokenType.StartObject:
                        NextElement(frames);
                        frames.Add(new Frame { Seen = new HashSet<string>(StringComparer.Ordinal) });
                        break;
                    case JsonTokenType.StartArray:
                        NextElement(frames);
                        frames.Add(new Frame { IsArray = true });
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    default:
                        NextElement(frames);
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            _ = reader.GetString(); // throws for text that is not UTF-8
                        }

                        break;
                }
            }

            return any ? null : new MalformedJson("$");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return new MalformedJson(PathOf(frames));
        }
    }

    private static void NextElement(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (Frame frame in frames)
        {
            if (frame.IsArray)
            {
                if (frame.Index >= 0)
                {
                    path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }
            else if (frame.Name is { } name)
            {
                AppendName(path, name);
            }
        }

        return path.ToString();
    }

    /// <summary>Appends a field name as System.Text.Json writes it in a path: <c>.name</c>, or <c>['odd name']</c>.</summary>
    public static void AppendName(StringBuilder path, string name)
    {
        bool plain = name.Length > 0;
        foreach (char c in name)
        {
            plain &= c is not ('.' or '[' or ']' or '\'' or ' ');
        }

        _ = plain ? path.Append('.').Append(name) : path.Append("['").Append(name).Append("']");
    }

    /// <summary>The path as field names (strings) and indexes (ints), or null when it cannot be parsed.</summary>
    private static List<object>? Segments(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<object>();
        int i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                int end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    return null;
                }

                segments.Add(index);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    private static Type? ExpectedType(JsonTypeInfo root, List<object> segments)
    {
        JsonTypeInfo? current = root;
        Type type = root.Type;
        foreach (object segment in segments)
        {
            if (current is null)
            {
                return null;
            }

            switch (segment)
            {
                case string name when current.Kind == JsonTypeInfoKind.Object:
                    JsonPropertyInfo? property = null;
                    foreach (JsonPropertyInfo candidate in current.Properties)
                    {
                        if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
                        {
                            property = candidate;
                            break;
                        }
                    }

                    if (property is null)
                    {
                        return null;
                    }

                    type = property.PropertyType;
                    break;
                case int when current.Kind == JsonTypeInfoKind.Enumerable && current.ElementType is { } element:
                    type = element;
                    break;
                default:
                    return null;
            }

            current = ContractContext.Strict.GetTypeInfo(type);
        }

        return type;
    }

    private static JsonValueKind? Actual(ReadOnlySpan<byte> utf8, List<object> segments)
    {
        using JsonDocument document = JsonDocument.Parse(utf8.ToArray());
        JsonElement element = document.RootElement;
        foreach (object segment in segments)
        {
            switch (segment)
            {
                case string name when element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement child):
                    element = child;
                    break;
                case int index when element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength():
                    element = element[index];
                    break;
                default:
                    return null;
            }
        }

        return element.ValueKind;
    }

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    /// <summary>The JSON kind the contract has for a .NET type of its shapes.</summary>
    private static string Kind(Type type)
    {
        type = Underlying(type);
        if (type == typeof(string) || type == typeof(Instant) || type == typeof(LocalDate) || type == typeof(Duration))
        {
            return "string";
        }

        if (type == typeof(long) || type == typeof(decimal))
        {
            return "number";
        }

        if (type == typeof(bool))
        {
            return "boolean";
        }

        return ContractContext.Strict.GetTypeInfo(type)?.Kind == JsonTypeInfoKind.Enumerable ? "array" : "object";
    }

    private static bool Fits(string expected, JsonValueKind actual) => (expected, actual) switch
    {
        (_, JsonValueKind.Null) => true,
        ("string", JsonValueKind.String) => true,
        ("number", JsonValueKind.Number) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("array", JsonValueKind.Array) => true,
        ("object", JsonValueKind.Object) => true,
        _ => false,
    };

    private static string Problem(Type type)
    {
        type = Underlying(type);
        return type == typeof(Instant) ? "not an instant in the extended ISO form, such as 2025-01-10T09:00:00Z."
            : type == typeof(LocalDate) ? "not an ISO date, such as 2025-01-10."
            : type == typeof(Duration) ? "not a duration in days and time, such as 1:00:00:00 for 24 hours."
            : type == typeof(long) ? "not a whole number from -9223372036854775808 to 9223372036854775807."
            : type == typeof(decimal) ? "not a decimal number that fits 96 bits and 28 decimals."
            : "the value does not fit the contract.";
    }

    private sealed class Frame
    {
        public bool IsArray { get; init; }

        public int Index { get; set; } = -1;

        public string? Name { get; set; }

        public HashSet<string>? Seen { get; init; }
    }
}
