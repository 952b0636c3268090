using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>Round trips over random histories of both account kinds, every event type, several zones and catalogs.</summary>
public sealed class RoundTripProperties
{
    private static Config Runs(int quick) => Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(quick));

    private static AccountEventJson Json => JsonHistory.Json;

    [Fact]
    public void Every_event_written_and_read_back_is_equal()
        => Check.One(Runs(100), Prop.ForAll(Arb.From(JsonHistory.Any(40)), history =>
        {
            foreach (AccountEvent accountEvent in history.Build().Events)
            {
                Assert.Equal(accountEvent, Json.Read(Json.Write(accountEvent)).SuccessOrThrow());
                Assert.Equal(accountEvent, Json.Read(Json.WriteUtf8(accountEvent)).SuccessOrThrow());
            }
        }));

    [Fact]
    public void A_history_written_to_JSON_and_replayed_from_it_equals_the_live_account()
        => Check.One(Runs(100), Prop.ForAll(Arb.From(JsonHistory.Any(40)), history =>
        {
            (List<AccountEvent> events, object live) = history.Build();

            ImmutableArray<AccountEvent> fromArray = Json.ReadArray(Json.WriteArray(events)).SuccessOrThrow();
            ImmutableArray<AccountEvent> fromLines = Json.ReadLines(Json.WriteLines(events)).SuccessOrThrow();

            Assert.Equal<AccountEvent>(events, fromArray);
            Assert.Equal<AccountEvent>(events, fromLines);
            JsonAccounts.AssertSame(live, JsonAccounts.Replay([.. fromArray]));
        }));

    [Fact]
    public void The_random_histories_produce_every_event_type()
    {
        var seen = new HashSet<string>();
        foreach (JsonHistory history in JsonHistory.Any(40).Sample(300))
        {
            seen.UnionWith(history.Build().Events.Select(e => e.GetType().Name));
        }

        Assert.Equal(SampleEvents.ByTag.Keys.Order(), seen.Order());
    }

    [Fact]
    public void Stream_writers_write_what_the_byte_writers_write()
    {
        AccountEvent[] events = [.. SampleEvents.ByTag.Values];
        using var array = new MemoryStream();
        using var lines = new MemoryStream();
        using var single = new MemoryStream();
        using var buffer = new MemoryStream();

        Json.WriteArray(array, events);
        Json.WriteLines(lines, events);
        Json.WriteTo(single, events[0]);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Json.WriteTo(writer, events[0]);
        }

        Assert.Equal(Json.WriteArray(events), array.ToArray());
        Assert.Equal(Json.WriteLines(events), lines.ToArray());
        Assert.Equal(Json.WriteUtf8(events[0]), single.ToArray());
        Assert.Equal(Json.WriteUtf8(events[0]), buffer.ToArray());
        Assert.Equal(Json.Write(events[0]), Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal(events.Length, Encoding.UTF8.GetString(lines.ToArray()).Split('\n').Length - 1);
    }
}
