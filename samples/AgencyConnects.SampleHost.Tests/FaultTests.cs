using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.Storage;
using AgencyConnects.SampleHost.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static AgencyConnects.SampleHost.Tests.Infrastructure.Api;

namespace AgencyConnects.SampleHost.Tests;

/// <summary>Failures inside a write, lost races, and a restart: what the database holds stays whole.</summary>
public abstract class FaultTests<TFixture>(TFixture host)
    where TFixture : HostFixture
{
    protected TFixture Host { get; } = host;

    [Fact]
    public async Task A_purchase_that_fails_after_its_events_are_inserted_leaves_nothing_behind()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        string before = await Host.StoredStateAsync();
        JsonElement connectsBefore = await Host.Client(owner).GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);

        using (HttpResponseMessage failed = await WithFaultAsync(
            (_, _, stream) => stream == "agency/" + agency ? throw new InvalidOperationException("Injected failure after the events insert.") : Task.CompletedTask,
            () => Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", NewId("k"))))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        Assert.Equal(before, await Host.StoredStateAsync());
        JsonElement connectsAfter = await Host.Client(owner).GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(connectsBefore.ToString(), connectsAfter.ToString());
    }

    [Fact]
    public async Task A_creation_that_fails_after_its_events_are_inserted_leaves_no_agency_and_no_fact()
    {
        string owner = NewId("olivia"), agency = NewId("acme");
        string before = await Host.StoredStateAsync();

        using (HttpResponseMessage failed = await WithFaultAsync(
            (_, _, _) => throw new InvalidOperationException("Injected failure after the events insert."),
            () => Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}"}""")))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        Assert.Equal(before, await Host.StoredStateAsync());
        await Host.Client(owner).GetAsync($"/agencies/{agency}").ExpectProblemAsync(HttpStatusCode.NotFound, "AgencyNotFound");
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}"}""").ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_write_that_violates_the_stream_version_key_once_is_retried_and_succeeds()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        int attempts = 0;

        JsonElement bought = await WithFaultAsync(
            async (connection, transaction, stream) =>
            {
                if (stream == "agency/" + agency && ++attempts == 1)
                {
                    await InsertDuplicateEventAsync(connection, transaction, stream);
                }
            },
            () => Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", NewId("k"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, attempts);
        Assert.Equal(20, bought.Int("quantity"));
        JsonElement connects = await Host.Client(owner).GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(100, connects.Int("balance"));
    }

    [Fact]
    public async Task A_write_that_violates_the_stream_version_key_on_every_attempt_is_a_409_and_stores_nothing()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        string before = await Host.StoredStateAsync();
        int attempts = 0;

        await WithFaultAsync(
            async (connection, transaction, stream) =>
            {
                attempts++;
                await InsertDuplicateEventAsync(connection, transaction, stream);
            },
            () => Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", NewId("k")))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "ConcurrencyConflict");

        Assert.Equal(AccountStore.Attempts, attempts);
        Assert.Equal(before, await Host.StoredStateAsync());
    }

    [Fact]
    public async Task The_service_restarted_on_the_same_database_loads_every_account_to_the_same_state()
    {
        string owner = NewId("olivia"), liam = NewId("liam"), noah = NewId("noah");
        string agency = await CreatePlusAgencyAsync(owner);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/members", $$"""{"person":"{{liam}}","permissions":["Freelancer"],"exclusive":true}""")
            .ExpectAsync(HttpStatusCode.Created);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":30}""", NewId("k")).ExpectAsync(HttpStatusCode.OK);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", $$"""{"id":"job-1","assignee":"{{liam}}","cost":5,"boost":2}""", NewId("s"))
            .ExpectAsync(HttpStatusCode.Created);
        await Host.Marketplace().PostJsonAsync($"/agencies/{agency}/proposals/job-1/outcome", """{"outcome":"Outbid"}""").ExpectAsync(HttpStatusCode.OK);
        await Host.Client(noah).PostJsonAsync("/freelancers", """{"timeZone":"America/New_York","catalog":"Current"}""").ExpectAsync(HttpStatusCode.Created);
        await Host.Client(noah).PostAsync($"/freelancers/{noah}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);

        string[] agencyReads = [$"/agencies/{agency}", $"/agencies/{agency}/connects", $"/agencies/{agency}/ledger", $"/agencies/{agency}/proposals", $"/agencies/{agency}/bill", $"/agencies/{agency}/usage"];
        string[] freelancerReads = [$"/freelancers/{noah}", $"/freelancers/{noah}/connects", $"/freelancers/{noah}/ledger", $"/freelancers/{noah}/bill"];
        List<string> before = await ReadAllAsync(Host.Factory, owner, agencyReads, noah, freelancerReads);

        SampleHostFactory restarted = Host.StartHost();
        List<string> after = await ReadAllAsync(restarted, owner, agencyReads, noah, freelancerReads);

        Assert.Equal(before, after);
        // Every account in the database, not only these, loads in the restarted host as in the first.
        foreach ((string stream, long version) in await Host.Store.StreamsAsync())
        {
            Domain.Accounts.ConnectsAccount first = await LoadAsync(Host.Store, stream);
            Domain.Accounts.ConnectsAccount second = await LoadAsync(restarted.Services.GetRequiredService<AccountStore>(), stream);
            Assert.Equal(version, second.Version);
            Assert.Equal(first.ToSnapshot(), second.ToSnapshot());
        }

        // The restarted host also decides from the stored facts: the exclusive member cannot join elsewhere.
        string other = NewId("other");
        await Host.Client(noah, restarted).PostJsonAsync("/agencies", $$"""{"id":"{{other}}"}""").ExpectAsync(HttpStatusCode.Created);
        await Host.Client(noah, restarted).PostAsync($"/agencies/{other}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);
        await Host.Client(noah, restarted).PostJsonAsync($"/agencies/{other}/members", $$"""{"person":"{{liam}}","permissions":["Freelancer"]}""")
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "ExclusivityConflict");
    }

    private static async Task<Domain.Accounts.ConnectsAccount> LoadAsync(AccountStore store, string stream)
    {
        string id = stream[(stream.IndexOf('/', StringComparison.Ordinal) + 1)..];
        return stream.StartsWith("agency/", StringComparison.Ordinal)
            ? (await store.LoadAgencyAsync(Domain.Values.AgencyId.Create(id).AsT0))!
            : (await store.LoadFreelancerAsync(Domain.Values.PersonId.Create(id).AsT0))!;
    }

    private async Task<List<string>> ReadAllAsync(SampleHostFactory factory, string owner, string[] agencyReads, string holder, string[] freelancerReads)
    {
        var bodies = new List<string>();
        foreach (string url in agencyReads)
        {
            bodies.Add((await Host.Client(owner, factory).GetAsync(url).ExpectAsync(HttpStatusCode.OK)).ToString());
        }

        foreach (string url in freelancerReads)
        {
            bodies.Add((await Host.Client(holder, factory).GetAsync(url).ExpectAsync(HttpStatusCode.OK)).ToString());
        }

        return bodies;
    }

    private async Task<HttpResponseMessage> WithFaultAsync(Func<DbConnection, DbTransaction, string, Task> fault, Func<Task<HttpResponseMessage>> send)
    {
        Host.Faults.AfterEventsInserted = fault;
        try
        {
            return await send();
        }
        finally
        {
            Host.Faults.AfterEventsInserted = null;
        }
    }

    private async Task InsertDuplicateEventAsync(DbConnection connection, DbTransaction transaction, string stream)
    {
        // What a writer that did not take the lock would do: write an event under a version already taken.
        Database database = Host.Store.Database;
        await using DbCommand duplicate = database.Command(
            connection, transaction, "INSERT INTO events (stream_id, version, type, body, at) SELECT stream_id, version, type, body, at FROM events WHERE stream_id = @s AND version = 1")
            .With("s", stream);
        await duplicate.ExecuteNonQueryAsync();
    }

    private async Task<string> CreatePlusAgencyAsync(string owner)
    {
        string agency = NewId("agency");
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}"}""").ExpectAsync(HttpStatusCode.Created);
        await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);
        return agency;
    }
}

public sealed class SqliteFaultTests(SqliteFixture host) : FaultTests<SqliteFixture>(host), IClassFixture<SqliteFixture>;

public sealed class PostgresFaultTests(PostgresFixture host) : FaultTests<PostgresFixture>(host), IClassFixture<PostgresFixture>;
