using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Tests.Json;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary>
/// Replay and load apply a run of events through one transient builder; <c>Apply</c> applies one event at a time,
/// copying. Over random histories of both kinds (every event type), the two give the same account, and the accounts a
/// builder handed out are not changed by what is applied after them.
/// </summary>
public sealed class BuilderReplayProperties
{
    private static Config Runs(int quick) => Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(quick));

    [Fact]
    public void Replay_through_the_builder_equals_applying_event_by_event()
        => Check.One(Runs(100), Prop.ForAll(Arb.From(JsonHistory.Any(60)), history =>
        {
            (List<AccountEvent> events, object live) = history.Build();

            object replayed = JsonAccounts.Replay(events);
            object stepwise = StepByStep(events, 1);

            Same(stepwise, replayed);
            Same(live, replayed);
        }));

    [Fact]
    public void An_account_a_builder_handed_out_stays_as_it_was_while_later_events_are_applied()
        => Check.One(Runs(100), Prop.ForAll(Arb.From(JsonHistory.Any(60)), Arb.From(Gen.Choose(1, 1000)), (history, pick) =>
        {
            (List<AccountEvent> events, object live) = history.Build();
            int cut = 1 + (pick % events.Count);
            var early = (ConnectsAccount)JsonAccounts.Replay(events.GetRange(0, cut));
            AccountSnapshot before = early.ToSnapshot();
            string beforeOrder = Order(early);

            // From the replayed account: the rest one by one (copying), and the rest through a builder (a load).
            object continued = StepByStep(events, cut, early);
            object loaded = JsonAccounts.Load(before, events.Skip(cut), JsonHistory.Json);
            object loadedAgain = JsonAccounts.Load(before, events.Skip(cut), JsonHistory.Json);

            Assert.Equal(before, early.ToSnapshot());
            Assert.Equal(beforeOrder, Order(early));
            Same(live, continued);
            Same(live, loaded);
            Same(loaded, loadedAgain);
        }));

    /// <summary>The account after the events, the first <paramref name="replayed"/> of them replayed, the rest applied one at a time.</summary>
    private static object StepByStep(List<AccountEvent> events, int replayed, ConnectsAccount? start = null)
    {
        object account = start ?? JsonAccounts.Replay(events.GetRange(0, replayed));
        foreach (AccountEvent accountEvent in events.Skip(replayed))
        {
            account = account is AgencyAccount agency ? agency.Apply(accountEvent) : ((FreelancerAccount)account).Apply(accountEvent);
        }

        return account;
    }

    /// <summary>Everything observable, the order of members and open proposals and the snapshot (request and closed-proposal windows, oldest first) included.</summary>
    private static void Same(object expected, object actual)
    {
        JsonAccounts.AssertSame(expected, actual);
        Assert.Equal(((ConnectsAccount)expected).ToSnapshot(), ((ConnectsAccount)actual).ToSnapshot());
        Assert.Equal(Order(expected), Order(actual));
    }

    private static string Order(object account)
        => account is AgencyAccount agency
            ? string.Join(",", agency.Members.Keys) + ";" + string.Join(",", agency.Proposals.Keys)
            : string.Join(",", ((ConnectsAccount)account).Proposals.Keys);
}
