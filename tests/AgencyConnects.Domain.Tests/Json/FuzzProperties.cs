using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using FsCheck;
using FsCheck.Fluent;
using OneOf;
using Xunit;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>
/// Reading never throws for bad input, names what is wrong where it is, and builds nothing that breaks an invariant:
/// mutated valid documents (bytes flipped, inserted, cut; fields removed, added, repeated or given odd values) and
/// random bytes.
/// </summary>
public sealed class FuzzProperties
{
    private static readonly string[] s_oddValues =
    [
        "-1", "0", "1", "2147483647", "2147483648", "-9223372036854775809", "9223372036854775808", "1.5", "1e400", "-0",
        "\"\"", "\"  \"", "\"x\"", "\"" + new string('x', 200) + "\"", "\"2025-02-30\"", "\"2025-01-10T09:00:00Z\"", "\"USD\"",
        "\"Admin\"", "\"ConnectsExpired\"", "true", "false", "null", "[]", "{}", "[1]", "[\"Admin\",\"Admin\"]", "{\"a\":1}",
    ];

    private static readonly Lazy<string[]> s_documents = new(() =>
    [
        .. SampleEvents.ByTag.Values.Select(JsonHistory.Json.Write),
        .. JsonHistory.Any(30).Sample(20).SelectMany(h => h.Build().Events).Select(JsonHistory.Json.Write).Distinct().Take(400),
    ]);

    private static Config Runs(int quick) => Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(quick));

    private static Gen<int> Any => Gen.Choose(0, int.MaxValue);

    [Fact]
    public void Documents_with_mutated_bytes_read_as_an_event_or_a_named_error_and_never_throw()
    {
        Gen<(int Document, int Kind, int Position, int Value, int Length)> cases =
            from document in Any
            from kind in Gen.Choose(0, 4)
            from position in Any
            from value in Gen.Choose(0, 255)
            from length in Gen.Choose(1, 40)
            select (document, kind, position, value, length);

        Check.One(Runs(1000), Prop.ForAll(Arb.From(cases), c =>
        {
            string[] documents = s_documents.Value;
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(documents[c.Document % documents.Length]));
            int at = c.Position % bytes.Count;
            switch (c.Kind)
            {
                case 0: bytes.RemoveRange(at, bytes.Count - at); break; // truncated
                case 1: bytes[at] = (byte)c.Value; break;
                case 2: bytes.Insert(at, (byte)c.Value); break;
                case 3: bytes.RemoveRange(at, Math.Min(c.Length, bytes.Count - at)); break;
                default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(c.Length, bytes.Count - at))); break; // a slice repeated
            }

            AssertSound(JsonHistory.Json.Read(bytes.ToArray()));
        }));
    }

    [Fact]
    public void Snapshots_with_mutated_bytes_or_fields_read_as_a_snapshot_or_a_named_error_and_never_throw()
    {
        string[] snapshots =
        [
            AccountEventJson.Default.WriteSnapshot(SnapshotJsonTests.Sample),
            .. JsonHistory.Any(30).Sample(10).Select(h => JsonHistory.Json.WriteSnapshot(((ConnectsAccount)h.Build().Account).ToSnapshot())),
        ];
        Gen<(int Document, int Kind, int Position, int Value)> cases =
            from document in Any
            from kind in Gen.Choose(0, 3)
            from position in Any
            from value in Any
            select (document, kind, position, value);

        Check.One(Runs(500), Prop.ForAll(Arb.From(cases), c =>
        {
            string document = snapshots[c.Document % snapshots.Length];
            string mutated;
            if (c.Kind < 3)
            {
                var bytes = new List<byte>(Encoding.UTF8.GetBytes(document));
                int at = c.Position % bytes.Count;
                switch (c.Kind)
                {
                    case 0: bytes.RemoveRange(at, bytes.Count - at); break;
                    case 1: bytes[at] = (byte)(c.Value % 256); break;
                    default: bytes.Insert(at, (byte)(c.Value % 256)); break;
                }

                mutated = Encoding.UTF8.GetString([.. bytes]);
            }
            else
            {
                JsonObject root = JsonNode.Parse(document)!.AsObject();
                List<(string Path, JsonNode? Parent, string? Name, int Index)> fields = [];
                Collect(root, "$", fields);
                (_, JsonNode? parent, string? name, int index) = fields[c.Position % fields.Count];
                JsonNode? odd = JsonNode.Parse(s_oddValues[c.Value % s_oddValues.Length]);
                if (parent is JsonObject obj)
                {
                    obj[name!] = odd;
                }
                else if (parent is JsonArray array)
                {
                    array[index] = odd;
                }

                mutated = root.ToJsonString();
            }

            JsonHistory.Json.ReadSnapshot(mutated).Switch(
                snapshot => Assert.Equal(snapshot, JsonHistory.Json.ReadSnapshot(JsonHistory.Json.WriteSnapshot(snapshot)).SuccessOrThrow()),
                AssertNamed);
        }));
    }

    [Fact]
    public void Random_bytes_read_as_a_named_error_and_never_throw()
        => Check.One(Runs(500), Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))), bytes =>
        {
            AssertSound(JsonHistory.Json.Read(bytes));
            AssertSound(JsonHistory.Json.ReadArray(bytes));
            AssertSound(JsonHistory.Json.ReadLines(bytes));
        }));

    [Fact]
    public void Documents_with_a_field_removed_added_repeated_or_changed_name_that_field()
    {
        Gen<(int Document, int Kind, int Field, int Value)> cases =
            from document in Any
            from kind in Gen.Choose(0, 3)
            from field in Any
            from value in Any
            select (document, kind, field, value);

        Check.One(Runs(1000), Prop.ForAll(Arb.From(cases), c =>
        {
            string[] documents = s_documents.Value;
            JsonObject root = JsonNode.Parse(documents[c.Document % documents.Length])!.AsObject();
            List<(string Path, JsonNode? Parent, string? Name, int Index)> fields = [];
            Collect(root, "$", fields);
            (string path, JsonNode? parent, string? name, int index) = fields[c.Field % fields.Count];
            string json;
            switch (c.Kind)
            {
                case 0 when parent is JsonObject owner:
                    owner.Remove(name!);
                    json = root.ToJsonString();
                    break;
                case 1:
                    JsonObject target = parent as JsonObject ?? root;
                    string parentPath = parent is JsonObject ? path[..path.LastIndexOf('.')] : "$";
                    target["extra" + c.Value.ToString(CultureInfo.InvariantCulture)] = 1;
                    json = root.ToJsonString();
                    path = parentPath + ".extra" + c.Value.ToString(CultureInfo.InvariantCulture);
                    break;
                case 2 when parent is JsonObject owner:
                    // The field repeated: System.Text.Json.Nodes cannot hold it, so the text is spliced.
                    string text = root.ToJsonString();
                    string property = "\"" + name + "\":" + owner[name!]?.ToJsonString() ?? "null";
                    int start = text.IndexOf(property, StringComparison.Ordinal);
                    bool once = start >= 0 && start == text.LastIndexOf(property, StringComparison.Ordinal);
                    json = once ? text.Insert(start + property.Length, "," + property) : text; // ambiguous: left as it is
                    break;
                default:
                    JsonNode? odd = JsonNode.Parse(s_oddValues[c.Value % s_oddValues.Length]);
                    if (parent is JsonObject obj)
                    {
                        obj[name!] = odd;
                    }
                    else if (parent is JsonArray array)
                    {
                        array[index] = odd;
                    }

                    json = root.ToJsonString();
                    break;
            }

            OneOf<AccountEvent, JsonContractError> result = JsonHistory.Json.Read(json);
            AssertSound(result);
            if (result.TryPickT1(out JsonContractError error, out _) && path is not "$.type")
            {
                // The field itself, something inside it, the object holding it, or (for a rule across fields, such as
                // a period's start before its end) a field beside it in a nested object.
                string holder = path[..Math.Max(path.LastIndexOfAny(['.', '[']), 1)];
                Assert.True(
                    error.Path == path || error.Path.StartsWith(path, StringComparison.Ordinal) || path.StartsWith(error.Path, StringComparison.Ordinal)
                    || (holder != "$" && error.Path.StartsWith(holder, StringComparison.Ordinal)),
                    $"{error} after changing {path}: {json}");
            }
        }));
    }

    private static void Collect(JsonNode node, string path, List<(string, JsonNode?, string?, int)> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach ((string name, JsonNode? child) in obj.ToList())
                {
                    string childPath = path + "." + name;
                    fields.Add((childPath, obj, name, -1));
                    if (child is not null)
                    {
                        Collect(child, childPath, fields);
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    string childPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    fields.Add((childPath, array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, childPath, fields);
                    }
                }

                break;
        }
    }

    /// <summary>An error names a path and a code; an event read is one the contract writes and reads back unchanged (so every value in it is valid).</summary>
    private static void AssertSound(OneOf<AccountEvent, JsonContractError> result)
        => result.Switch(
            accountEvent => Assert.Equal(accountEvent, JsonHistory.Json.Read(JsonHistory.Json.Write(accountEvent)).SuccessOrThrow()),
            AssertNamed);

    private static void AssertSound<T>(OneOf<System.Collections.Immutable.ImmutableArray<T>, JsonContractError> result)
        => result.Switch(_ => { }, AssertNamed);

    private static void AssertNamed(JsonContractError error)
    {
        Assert.StartsWith("$", error.Path, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.Code));
        Assert.False(string.IsNullOrEmpty(error.Message));
    }
}
