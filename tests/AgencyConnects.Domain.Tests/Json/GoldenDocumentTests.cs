using System;
using System.IO;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using Xunit;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>
/// Compatibility, tested: <c>golden/v1/</c> holds one document per event type as schema version 1 writes them. Every
/// one must read back as its event, and writing the event must give the document byte for byte, so a change to the
/// written form fails here. A deliberate change to the contract adds a schema version: its documents go in a new
/// folder (<c>golden/v2/</c>), written by <c>AGENCYCONNECTS_UPDATE_GOLDEN=1</c> (review the diff), and the documents of
/// every earlier version stay, never rewritten, and must keep reading.
/// </summary>
public sealed class GoldenDocumentTests
{
    public const string UpdateVariable = "AGENCYCONNECTS_UPDATE_GOLDEN";

    public static TheoryData<string> Tags => [.. SampleEvents.ByTag.Keys.Order(StringComparer.Ordinal)];

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string GoldenFolder() => Path.Combine(JsonReadmeExampleTests.RepositoryRoot(), "tests", "AgencyConnects.Domain.Tests", "Json", "golden", "v" + AccountEventJson.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string FileOf(string tag) => Path.Combine(GoldenFolder(), tag + ".json");

    /// <summary>The document as stored: the written JSON and one final newline.</summary>
    private static string Read(string tag) => File.ReadAllText(FileOf(tag)).ReplaceLineEndings("\n").TrimEnd('\n');

    [Theory]
    [MemberData(nameof(Tags))]
    public void Every_golden_document_reads_as_its_event(string tag)
    {
        AccountEvent read = AccountEventJson.Default.Read(Read(tag)).SuccessOrThrow();

        Assert.Equal(SampleEvents.ByTag[tag], read);
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public void Writing_an_event_gives_its_golden_document_byte_for_byte(string tag)
    {
        string written = AccountEventJson.Default.Write(SampleEvents.ByTag[tag]);
        if (Updating)
        {
            File.WriteAllText(FileOf(tag), written + "\n");
        }

        Assert.Equal(Read(tag), written);
    }

    [Fact]
    public void There_is_one_golden_document_and_one_sample_for_every_event_type_and_one_for_the_snapshot()
    {
        string[] eventTypes = [.. typeof(AccountEvent).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(AccountEvent)) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)];
        string[] documents = [.. Directory.GetFiles(GoldenFolder(), "*.json").Select(Path.GetFileNameWithoutExtension).Where(name => name != "AccountSnapshot").Order(StringComparer.Ordinal)!];

        Assert.Equal(eventTypes, SampleEvents.ByTag.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(eventTypes, documents);
        Assert.True(File.Exists(Path.Combine(GoldenFolder(), "AccountSnapshot.json")));
    }
}
