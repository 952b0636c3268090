using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using AgencyConnects.SampleHost.Storage;
using AgencyConnects.SampleHost.Tests.Infrastructure;
using Xunit;
using static AgencyConnects.SampleHost.Tests.Infrastructure.Api;

namespace AgencyConnects.SampleHost.Tests;

/// <summary>
/// Racing requests against a real database: the constraints, locks and the (stream, version) key keep the library's
/// rules true when requests that each pass its checks alone arrive at once. Each race starts its requests together.
/// </summary>
public abstract class RaceTests<TFixture>(TFixture host)
    where TFixture : HostFixture
{
    protected TFixture Host { get; } = host;

    [Fact]
    public async Task Thirty_two_concurrent_creations_by_one_owner_make_exactly_one_agency()
    {
        string owner = NewId("olivia");
        HttpClient client = Host.Client(owner);
        string[] ids = [.. Enumerable.Range(0, 32).Select(i => NewId($"agency{i}"))];

        (HttpStatusCode Status, string Body)[] answers = await RaceAsync(ids.Select(id => (System.Func<Task<HttpResponseMessage>>)(() => client.PostJsonAsync("/agencies", $$"""{"id":"{{id}}"}"""))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status);
            Assert.Contains("urn:agencyconnects:error:OwnsAnotherAgency", a.Body, System.StringComparison.Ordinal);
        });
        Assert.Equal(1, await Host.ScalarAsync("SELECT count(*) FROM agencies WHERE owner_id = @owner", ("owner", owner)));
        Assert.Equal(1, await Host.ScalarAsync("SELECT count(*) FROM streams WHERE stream_id LIKE @prefix", ("prefix", "agency/agency%"))
            - await CountOtherCreatedStreamsAsync(ids));
    }

    [Fact]
    public async Task Thirty_two_concurrent_exclusive_joins_of_one_person_to_different_agencies_make_at_most_one_membership()
    {
        string liam = NewId("liam");
        var agencies = new List<(string Agency, HttpClient Owner)>();
        for (int i = 0; i < 32; i++)
        {
            string owner = NewId($"owner{i}");
            agencies.Add((await CreatePlusAgencyAsync(owner), Host.Client(owner)));
        }

        (HttpStatusCode Status, string Body)[] answers = await RaceAsync(agencies.Select(a => (System.Func<Task<HttpResponseMessage>>)(
            () => a.Owner.PostJsonAsync($"/agencies/{a.Agency}/members", $$"""{"person":"{{liam}}","permissions":["Freelancer"],"exclusive":true}"""))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Contains("ExclusivityConflict", a.Body, System.StringComparison.Ordinal));
        Assert.Equal(1, await Host.ScalarAsync("SELECT count(*) FROM memberships WHERE person_id = @p", ("p", liam)));
    }

    [Fact]
    public async Task An_exclusive_join_racing_a_non_exclusive_one_never_both_succeed()
    {
        int bothRefused = 0;
        string formerOwner = NewId("owner-c");
        string former = await CreatePlusAgencyAsync(formerOwner);
        HttpClient c = Host.Client(formerOwner);
        for (int round = 0; round < 16; round++)
        {
            string person = NewId($"mia{round}");
            string ownerA = NewId("owner-a"), ownerB = NewId("owner-b");
            string exclusiveAgency = await CreatePlusAgencyAsync(ownerA);
            string openAgency = await CreatePlusAgencyAsync(ownerB);
            HttpClient a = Host.Client(ownerA), b = Host.Client(ownerB);

            // A person known before (a former member elsewhere): their row exists, so the race is on reading their
            // memberships, which no unique index covers, not on inserting their row.
            await c.PostJsonAsync($"/agencies/{former}/members", $$"""{"person":"{{person}}","permissions":["Freelancer"]}""").ExpectAsync(HttpStatusCode.Created);
            await c.DeleteAsync($"/agencies/{former}/members/{person}").ExpectAsync(HttpStatusCode.OK);

            (HttpStatusCode Status, string Body)[] answers = await RaceAsync(
            [
                () => a.PostJsonAsync($"/agencies/{exclusiveAgency}/members", $$"""{"person":"{{person}}","permissions":["Freelancer"],"exclusive":true}"""),
                () => b.PostJsonAsync($"/agencies/{openAgency}/members", $$"""{"person":"{{person}}","permissions":["Freelancer"],"exclusive":false}"""),
            ]);

            int created = answers.Count(x => x.Status == HttpStatusCode.Created);
            Assert.True(created == 1, $"Round {round}: {created} joins succeeded: {string.Join(" | ", answers.Select(x => x.Body))}");
            Assert.Contains(answers, x => x.Body.Contains("ExclusivityConflict", System.StringComparison.Ordinal));
            Assert.Equal(1, await Host.ScalarAsync("SELECT count(*) FROM memberships WHERE person_id = @p", ("p", person)));
            bothRefused += created == 0 ? 1 : 0;
        }

        Assert.Equal(0, bothRefused);
    }

    [Fact]
    public async Task Two_hundred_concurrent_submissions_against_eighty_Connects_accept_exactly_eighty_and_the_events_replay_to_the_same_account()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        HttpClient client = Host.Client(owner);

        (HttpStatusCode Status, string Body)[] answers = await RaceAsync(Enumerable.Range(0, 200).Select(i => (System.Func<Task<HttpResponseMessage>>)(
            () => client.PostJsonAsync($"/agencies/{agency}/proposals", $$"""{"id":"job-{{i}}","cost":1}""", $"submit-{i}"))));

        Assert.Equal(80, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status);
            Assert.Contains("InsufficientConnects", a.Body, System.StringComparison.Ordinal);
        });
        JsonElement connects = await client.GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, connects.Int("balance"));

        // The ledger table never dips below zero, in the order it was written...
        string stream = AccountStore.AgencyStream(AgencyId.Create(agency).AsT0);
        var (rows, total) = await Host.Store.LedgerAsync(stream, 0, 500);
        long running = 0;
        foreach (LedgerRow row in rows)
        {
            running += row.Delta;
            Assert.True(running >= 0, $"The balance went to {running} at ledger position {row.Position}.");
        }

        Assert.Equal(0, running);
        Assert.Equal(81 + 0, total); // one grant, 80 spendings

        // ...and the stored events replay to an account with that balance, that ledger and that version.
        AgencyAccount replayed = (await Host.Store.LoadAgencyAsync(AgencyId.Create(agency).AsT0))!;
        Assert.Equal(Connects.Zero, replayed.Balance);
        Assert.Equal(80, replayed.Proposals.Count);
        AccountHistory history = (await Host.Store.LoadHistoryAsync(stream))!;
        Assert.Equal(rows.Select(r => (r.Kind, r.Delta)), history.Ledger.Select(e => (e.Kind.ToString(), e.Delta)));
        Assert.Equal(await Host.ScalarAsync("SELECT count(*) FROM events WHERE stream_id = @s", ("s", stream)), replayed.Version);
        Assert.Equal(replayed.Version, await Host.ScalarAsync("SELECT version FROM streams WHERE stream_id = @s", ("s", stream)));
        Assert.Equal(80, history.Ledger.Count(e => e.Kind == LedgerEntryKind.Spent));
        // The host loads from its stored snapshot; replaying every stored event from the first gives the same account.
        AgencyAccount fromEvents = AgencyAccount.Replay(await Host.Store.LoadAllEventsAsync(stream));
        Assert.Equal(fromEvents.ToSnapshot(), replayed.ToSnapshot());
        Assert.Equal(replayed.Version, await Host.ScalarAsync("SELECT version FROM snapshots WHERE stream_id = @s", ("s", stream)));
    }

    [Fact]
    public async Task Twenty_concurrent_purchases_with_one_Idempotency_Key_charge_once_and_give_twenty_equal_answers()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        HttpClient client = Host.Client(owner);
        string key = NewId("order");

        (HttpStatusCode Status, string Body)[] answers = await RaceAsync(Enumerable.Range(0, 20).Select(_ => (System.Func<Task<HttpResponseMessage>>)(
            () => client.PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":25}""", key))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        JsonElement connects = await client.GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(105, connects.Int("balance"));
        JsonElement bill = await client.GetAsync($"/agencies/{agency}/bill").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(bill.GetProperty("lines").EnumerateArray(), l => l.Str("kind") == "ConnectsPurchase");
        Assert.Equal(1, await Host.ScalarAsync("SELECT count(*) FROM events WHERE type = 'ConnectsBought' AND stream_id = @s", ("s", "agency/" + agency)));
    }

    /// <summary>Sends every request at once (each on its own task, released together) and collects the answers.</summary>
    protected static async Task<(HttpStatusCode Status, string Body)[]> RaceAsync(IEnumerable<System.Func<Task<HttpResponseMessage>>> requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<(HttpStatusCode, string)>[] running = [.. requests.Select(send => Task.Run(async () =>
        {
            await start.Task;
            using HttpResponseMessage response = await send();
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }))];
        start.SetResult();
        (HttpStatusCode Status, string Body)[] answers = await Task.WhenAll(running);
        Assert.All(answers, a => Assert.True((int)a.Status < 500, $"A request failed with {(int)a.Status}: {a.Body}"));
        return answers;
    }

    private async Task<long> CountOtherCreatedStreamsAsync(string[] ids)
    {
        // Other tests of the class create agencies too: count only the streams of this race's identifiers.
        long others = await Host.ScalarAsync("SELECT count(*) FROM streams WHERE stream_id LIKE @prefix", ("prefix", "agency/agency%"));
        long ours = 0;
        foreach (string id in ids)
        {
            ours += await Host.ScalarAsync("SELECT count(*) FROM streams WHERE stream_id = @s", ("s", "agency/" + id));
        }

        Assert.Equal(1, ours);
        return others - ours;
    }

    private async Task<string> CreatePlusAgencyAsync(string owner)
    {
        string agency = NewId("agency");
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}"}""").ExpectAsync(HttpStatusCode.Created);
        await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);
        return agency;
    }
}

public sealed class SqliteRaceTests(SqliteFixture host) : RaceTests<SqliteFixture>(host), IClassFixture<SqliteFixture>;

public sealed class PostgresRaceTests(PostgresFixture host) : RaceTests<PostgresFixture>(host), IClassFixture<PostgresFixture>;
