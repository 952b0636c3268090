using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.Tests.Infrastructure;
using NodaTime;
using Xunit;
using static AgencyConnects.SampleHost.Tests.Infrastructure.Api;

namespace AgencyConnects.SampleHost.Tests;

/// <summary>Every endpoint, through HTTP, on a real database: the same tests for both engines.</summary>
public abstract class EndpointTests<TFixture>(TFixture host)
    where TFixture : HostFixture
{
    protected TFixture Host { get; } = host;

    [Fact]
    public async Task Creating_an_agency_answers_201_with_its_location_and_the_owner_as_its_only_member()
    {
        string owner = NewId("olivia"), agency = NewId("acme");
        using HttpResponseMessage response = await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}","timeZone":"Europe/Paris"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/agencies/{agency}", response.Headers.Location?.OriginalString);
        JsonElement body = await response.JsonAsync();
        Assert.Equal(owner, body.Str("owner"));
        Assert.Equal("Agency Basic", body.Str("plan"));
        Assert.Equal(owner, Assert.Single(body.GetProperty("members").EnumerateArray()).Str("person"));
        JsonElement got = await Host.Client(owner).GetAsync($"/agencies/{agency}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToString(), got.ToString());
    }

    [Fact]
    public async Task A_second_agency_of_one_owner_is_the_OwnsAnotherAgency_problem_with_its_data()
    {
        string owner = NewId("olivia"), first = NewId("acme");
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{first}}"}""").ExpectAsync(HttpStatusCode.Created);

        JsonElement problem = await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{NewId("other")}}"}""")
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "OwnsAnotherAgency");

        Assert.Equal(owner, problem.Str("person"));
        Assert.Equal(first, problem.Str("agency"));
    }

    [Fact]
    public async Task An_agency_created_on_Plus_is_upgraded_in_the_same_transaction()
    {
        string owner = NewId("olivia"), agency = NewId("acme");
        JsonElement created = await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}","plan":"Plus"}""").ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("Agency Plus", created.Str("plan"));
        Assert.Equal(80, created.Int("balance"));
        Assert.Equal(created.GetProperty("version").GetInt64(), await Host.ScalarAsync("SELECT count(*) FROM events WHERE stream_id = @s", ("s", "agency/" + agency)));
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{NewId("x")}}","plan":"Gold"}""").ExpectProblemAsync(HttpStatusCode.BadRequest, "InvalidRequest");
    }

    [Fact]
    public async Task An_agency_id_used_before_is_AgencyAlreadyExists()
    {
        string agency = await CreateAgencyAsync(NewId("olivia"));
        JsonElement problem = await Host.Client(NewId("noah")).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}"}""")
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "AgencyAlreadyExists");
        Assert.Equal(agency, problem.Str("agency"));
    }

    [Fact]
    public async Task Upgrading_grants_the_allotment_and_a_downgrade_then_a_cancellation_is_PlanChangeAlreadyScheduled()
    {
        string owner = NewId("olivia");
        string agency = await CreateAgencyAsync(owner);
        JsonElement upgraded = await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Agency Plus", upgraded.Str("plan"));
        Assert.Equal(80, upgraded.Int("balance"));

        JsonElement downgraded = await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/downgrade", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Downgrade", downgraded.Str("pendingChange"));
        JsonElement problem = await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/cancel", null)
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "PlanChangeAlreadyScheduled");
        Assert.Equal("Downgrade", problem.Str("reason"));
    }

    [Fact]
    public async Task Cancelling_Plus_schedules_the_cancellation_and_upgrading_twice_is_AlreadyOnPlan()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/upgrade", null).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "AlreadyOnPlan");
        JsonElement cancelled = await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/cancel", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Cancel", cancelled.Str("pendingChange"));
    }

    [Fact]
    public async Task A_failed_payment_needs_the_marketplace_scope_and_drops_the_agency_to_Basic()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);

        using (HttpResponseMessage refused = await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/payment-failed", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        JsonElement dropped = await Host.Marketplace().PostAsync($"/agencies/{agency}/plan/payment-failed", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Agency Basic", dropped.Str("plan"));
        Assert.Equal(80, dropped.Int("balance"));
    }

    [Fact]
    public async Task Buying_Connects_adds_a_lot_and_a_repeat_of_the_key_returns_the_first_answer()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        string key = NewId("order");

        JsonElement bought = await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", key).ExpectAsync(HttpStatusCode.OK);
        JsonElement repeated = await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", key).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(bought.ToString(), repeated.ToString());
        Assert.Equal(20, bought.Int("quantity"));
        Assert.Equal(20.00m, bought.GetProperty("amount").GetProperty("amount").GetDecimal());
        JsonElement connects = await Host.Client(owner).GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(100, connects.Int("balance"));
        Assert.Equal(["Allotment", "Purchase"], connects.GetProperty("lots").EnumerateArray().Select(l => l.Str("source")).Order());
    }

    [Fact]
    public async Task A_key_reused_for_another_quantity_is_RequestKeyConflict_and_a_missing_key_is_a_400()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        string key = NewId("order");
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", key).ExpectAsync(HttpStatusCode.OK);

        JsonElement conflict = await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":21}""", key)
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "RequestKeyConflict");
        Assert.Equal(key, conflict.Str("request"));
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":21}""")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "MissingIdempotencyKey");
    }

    [Fact]
    public async Task Buying_on_Basic_is_PlanDoesNotAllow_and_a_member_without_Admin_is_a_403()
    {
        string owner = NewId("olivia"), freelancer = NewId("liam");
        string basic = await CreateAgencyAsync(owner);
        await Host.Client(owner).PostJsonAsync($"/agencies/{basic}/connects", """{"quantity":20}""", NewId("k"))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "PlanDoesNotAllow");

        string plus = await CreatePlusAgencyAsync(NewId("emma"), (freelancer, "Freelancer"));
        JsonElement refused = await Host.Client(freelancer).PostJsonAsync($"/agencies/{plus}/connects", """{"quantity":20}""", NewId("k"))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "NotAuthorized");
        Assert.Equal(freelancer, refused.Str("person"));
        Assert.Equal("Admin", refused.Str("required"));
    }

    [Fact]
    public async Task Adding_a_member_needs_Plus_answers_201_and_a_second_add_is_AlreadyAMember()
    {
        string owner = NewId("olivia"), liam = NewId("liam");
        string agency = await CreateAgencyAsync(owner);
        string body = $$"""{"person":"{{liam}}","permissions":["Freelancer"]}""";
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/members", body).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "PlanDoesNotAllow");
        await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);

        using (HttpResponseMessage added = await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/members", body))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal($"/agencies/{agency}/members/{liam}", added.Headers.Location?.OriginalString);
            JsonElement member = await added.JsonAsync();
            Assert.Equal(["Freelancer"], member.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal("NonExclusive", member.Str("kind"));
        }

        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/members", body).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "AlreadyAMember");
    }

    [Fact]
    public async Task An_exclusive_member_cannot_join_another_agency_ExclusivityConflict()
    {
        string liam = NewId("liam");
        string first = await CreatePlusAgencyAsync(NewId("olivia"));
        string second = await CreatePlusAgencyAsync(NewId("emma"));
        await JoinAsync(first, liam, exclusive: true).ExpectAsync(HttpStatusCode.Created);

        JsonElement problem = await JoinAsync(second, liam, exclusive: false).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "ExclusivityConflict");
        Assert.Equal(liam, problem.Str("person"));
        Assert.Equal(first, problem.Str("otherAgency"));
    }

    [Fact]
    public async Task Changing_permissions_answers_the_member_and_needs_Admin()
    {
        string owner = NewId("olivia"), liam = NewId("liam"), mia = NewId("mia");
        string agency = await CreatePlusAgencyAsync(owner, (liam, "Freelancer"), (mia, "Freelancer"));

        JsonElement changed = await Host.Client(owner).PutJsonAsync($"/agencies/{agency}/members/{liam}/permissions", """{"permissions":["Admin","BusinessManager"]}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Admin", "BusinessManager"], changed.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        await Host.Client(mia).PutJsonAsync($"/agencies/{agency}/members/{liam}/permissions", """{"permissions":[]}""")
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "NotAuthorized");
        await Host.Client(owner).PutJsonAsync($"/agencies/{agency}/members/{owner}/permissions", """{"permissions":[]}""")
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "OwnerPermissionsAreFixed");
    }

    [Fact]
    public async Task Removing_a_member_answers_the_agency_without_them_and_the_owner_cannot_be_removed()
    {
        string owner = NewId("olivia"), liam = NewId("liam");
        string agency = await CreatePlusAgencyAsync(owner, (liam, "Freelancer"));

        JsonElement after = await Host.Client(owner).DeleteAsync($"/agencies/{agency}/members/{liam}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([owner], after.GetProperty("members").EnumerateArray().Select(m => m.Str("person")));
        await Host.Client(owner).DeleteAsync($"/agencies/{agency}/members/{liam}").ExpectProblemAsync(HttpStatusCode.Forbidden, "NotAMember");
        await Host.Client(owner).DeleteAsync($"/agencies/{agency}/members/{owner}").ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "OwnerCannotBeRemoved");
        Assert.Equal(0, await Host.ScalarAsync("SELECT count(*) FROM memberships WHERE agency_id = @a AND person_id = @p", ("a", agency), ("p", liam)));
    }

    [Fact]
    public async Task Transferring_ownership_moves_the_fact_and_only_the_owner_may()
    {
        string owner = NewId("olivia"), liam = NewId("liam");
        string agency = await CreatePlusAgencyAsync(owner, (liam, "Freelancer"));
        await Host.Client(liam).PutJsonAsync($"/agencies/{agency}/owner", $$"""{"newOwner":"{{liam}}"}""").ExpectProblemAsync(HttpStatusCode.Forbidden, "NotOwner");

        JsonElement after = await Host.Client(owner).PutJsonAsync($"/agencies/{agency}/owner", $$"""{"newOwner":"{{liam}}"}""").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(liam, after.Str("owner"));
        Assert.Equal(1, await Host.ScalarAsync("SELECT count(*) FROM agencies WHERE agency_id = @a AND owner_id = @p", ("a", agency), ("p", liam)));
        // The former owner owns nothing now, so may create another agency.
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{NewId("next")}}"}""").ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Submitting_for_oneself_and_on_behalf_spends_from_the_pool_and_a_freelancer_cannot_submit_for_another()
    {
        string owner = NewId("olivia"), liam = NewId("liam"), mia = NewId("mia");
        string agency = await CreatePlusAgencyAsync(owner, (liam, "Freelancer"), (mia, "Freelancer"));

        using (HttpResponseMessage own = await Host.Client(liam).PostJsonAsync($"/agencies/{agency}/proposals", """{"id":"job-1","cost":4}""", NewId("s")))
        {
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
            Assert.Equal($"/agencies/{agency}/proposals/job-1", own.Headers.Location?.OriginalString);
            JsonElement proposal = await own.JsonAsync();
            Assert.Equal(liam, proposal.Str("submitter"));
            Assert.Equal(liam, proposal.Str("assignee"));
        }

        JsonElement onBehalf = await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", $$"""{"id":"job-2","assignee":"{{mia}}","cost":5,"boost":3}""", NewId("s"))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(owner, onBehalf.Str("submitter"));
        Assert.Equal(mia, onBehalf.Str("assignee"));
        JsonElement refused = await Host.Client(liam).PostJsonAsync($"/agencies/{agency}/proposals", $$"""{"id":"job-3","assignee":"{{mia}}","cost":1}""", NewId("s"))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "NotAuthorized");
        Assert.Equal("BusinessManager", refused.Str("required"));

        JsonElement connects = await Host.Client(owner).GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(80 - 4 - 5 - 3, connects.Int("balance"));
        JsonElement list = await Host.Client(mia).GetAsync($"/agencies/{agency}/proposals").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["job-1", "job-2"], list.EnumerateArray().Select(p => p.Str("id")));
    }

    [Fact]
    public async Task Submitting_beyond_the_pool_is_InsufficientConnects_with_what_was_asked_and_what_is_there()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        for (int i = 0; i < 13; i++)
        {
            await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", $$"""{"id":"job-{{i}}","cost":6}""", NewId("s")).ExpectAsync(HttpStatusCode.Created);
        }

        JsonElement problem = await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", """{"id":"job-x","cost":6}""", NewId("s"))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "InsufficientConnects");
        Assert.Equal(6, problem.Int("requested"));
        Assert.Equal(2, problem.Int("available"));
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", """{"id":"job-0","cost":1}""", NewId("s"))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "DuplicateProposal");
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", """{"id":"job-y","cost":7}""", NewId("s"))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "ProposalCostOutOfRange");
    }

    [Fact]
    public async Task An_outcome_needs_the_marketplace_scope_and_a_cancelled_job_refunds_cost_and_boost()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", """{"id":"job-1","cost":4,"boost":6}""", NewId("s")).ExpectAsync(HttpStatusCode.Created);

        using (HttpResponseMessage refused = await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals/job-1/outcome", """{"outcome":"JobCancelled"}"""))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        JsonElement proposal = await Host.Marketplace().PostJsonAsync($"/agencies/{agency}/proposals/job-1/outcome", """{"outcome":"JobCancelled"}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Closed", proposal.Str("status"));
        Assert.Equal(10, proposal.Int("refunded"));
        JsonElement connects = await Host.Client(owner).GetAsync($"/agencies/{agency}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(80, connects.Int("balance"));
        await Host.Marketplace().PostJsonAsync($"/agencies/{agency}/proposals/job-1/outcome", """{"outcome":"Declined"}""")
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "ProposalAlreadyClosed");
        await Host.Marketplace().PostJsonAsync($"/agencies/{agency}/proposals/job-9/outcome", """{"outcome":"Declined"}""")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "ProposalNotFound");
    }

    [Fact]
    public async Task Withdrawing_closes_the_proposal_without_a_refund()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", """{"id":"job-1","cost":4}""", NewId("s")).ExpectAsync(HttpStatusCode.Created);

        JsonElement withdrawn = await Host.Client(owner).PostAsync($"/agencies/{agency}/proposals/job-1/withdrawal", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Withdrawn", withdrawn.Str("outcome"));
        Assert.Equal(0, withdrawn.Int("refunded"));
    }

    [Fact]
    public async Task The_ledger_is_paged_from_the_projection_and_sums_to_the_balance()
    {
        string owner = NewId("olivia");
        string agency = await CreatePlusAgencyAsync(owner);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", NewId("k")).ExpectAsync(HttpStatusCode.OK);
        for (int i = 0; i < 3; i++)
        {
            await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", $$"""{"id":"job-{{i}}","cost":2,"boost":1}""", NewId("s")).ExpectAsync(HttpStatusCode.Created);
        }

        JsonElement first = await Host.Client(owner).GetAsync($"/agencies/{agency}/ledger?limit=3").ExpectAsync(HttpStatusCode.OK);
        JsonElement rest = await Host.Client(owner).GetAsync($"/agencies/{agency}/ledger?offset=3&limit=50").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(8, first.GetProperty("total").GetInt64());
        Assert.Equal(["Granted", "Bought", "Spent"], first.GetProperty("entries").EnumerateArray().Select(e => e.Str("kind")));
        JsonElement[] entries = [.. first.GetProperty("entries").EnumerateArray(), .. rest.GetProperty("entries").EnumerateArray()];
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), entries.Select(e => e.GetProperty("position").GetInt64()));
        Assert.Equal(100 - 9, entries.Sum(e => e.GetProperty("delta").GetInt64()));
        Assert.Equal(3, entries.Count(e => e.GetProperty("isBoost").GetBoolean()));
    }

    [Fact]
    public async Task Usage_and_bill_by_billing_period_and_by_local_dates()
    {
        string owner = NewId("olivia"), liam = NewId("liam");
        string agency = await CreatePlusAgencyAsync(owner, (liam, "Freelancer"));
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":20}""", NewId("k")).ExpectAsync(HttpStatusCode.OK);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/proposals", $$"""{"id":"job-1","assignee":"{{liam}}","cost":5}""", NewId("s")).ExpectAsync(HttpStatusCode.Created);

        Instant now = Host.Clock.GetCurrentInstant();
        JsonElement usage = await Host.Client(owner).GetAsync($"/agencies/{agency}/usage").ExpectAsync(HttpStatusCode.OK);
        JsonElement member = Assert.Single(usage.GetProperty("members").EnumerateArray(), m => m.Str("person") == liam);
        Assert.Equal(5, member.GetProperty("spentAsAssignee").GetInt64());
        Assert.Equal(5, usage.GetProperty("totalSpent").GetInt64());

        string today = now.InUtc().Date.ToString("yyyy-MM-dd", null);
        JsonElement byDates = await Host.Client(owner).GetAsync($"/agencies/{agency}/usage?from={today}&to={today}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5, byDates.GetProperty("totalSpent").GetInt64());
        JsonElement before = await Host.Client(owner).GetAsync($"/agencies/{agency}/usage?from=2020-01-01&to=2020-01-31").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, before.GetProperty("totalSpent").GetInt64());

        JsonElement bill = await Host.Client(owner).GetAsync($"/agencies/{agency}/bill?at={now}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(40.00m, bill.GetProperty("total").GetProperty("amount").GetDecimal()); // the $20.00 fee and 20 Connects at $1.00
        Assert.Equal(["PeriodFee", "ConnectsPurchase"], bill.GetProperty("lines").EnumerateArray().Select(l => l.Str("kind")));
        JsonElement billByDates = await Host.Client(owner).GetAsync($"/agencies/{agency}/bill?from={today}&to={today}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(40.00m, billByDates.GetProperty("total").GetProperty("amount").GetDecimal());
        await Host.Client(liam).GetAsync($"/agencies/{agency}/bill").ExpectProblemAsync(HttpStatusCode.Forbidden, "NotAuthorized");
    }

    [Fact]
    public async Task Closing_needs_an_empty_agency_and_frees_the_owner_to_create_another()
    {
        string owner = NewId("olivia"), liam = NewId("liam");
        string agency = await CreatePlusAgencyAsync(owner, (liam, "Freelancer"));
        JsonElement notEmpty = await Host.Client(owner).DeleteAsync($"/agencies/{agency}").ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "AgencyNotEmpty");
        Assert.Equal(1, notEmpty.Int("otherMembers"));
        await Host.Client(owner).DeleteAsync($"/agencies/{agency}/members/{liam}").ExpectAsync(HttpStatusCode.OK);

        JsonElement closed = await Host.Client(owner).DeleteAsync($"/agencies/{agency}").ExpectAsync(HttpStatusCode.OK);

        Assert.True(closed.GetProperty("isClosed").GetBoolean());
        await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/downgrade", null).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "AgencyIsClosed");
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{NewId("next")}}"}""").ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_freelancer_account_opens_upgrades_buys_submits_and_gets_outcomes_beside_the_agencies()
    {
        string noah = NewId("noah");
        using (HttpResponseMessage opened = await Host.Client(noah).PostJsonAsync("/freelancers", "{}"))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            Assert.Equal($"/freelancers/{noah}", opened.Headers.Location?.OriginalString);
        }

        await Host.Client(noah).PostJsonAsync("/freelancers", "{}").ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "AccountExists");
        JsonElement plus = await Host.Client(noah).PostAsync($"/freelancers/{noah}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Freelancer Plus", plus.Str("plan"));
        Assert.Equal(10 + 70, plus.Int("balance")); // Basic's 10 of the month, kept, and Plus's 70
        await Host.Client(noah).PostJsonAsync($"/freelancers/{noah}/connects", """{"quantity":10}""", NewId("k")).ExpectAsync(HttpStatusCode.OK);
        await Host.Client(noah).PostJsonAsync($"/freelancers/{noah}/proposals", """{"id":"job-1","cost":4}""", NewId("s")).ExpectAsync(HttpStatusCode.OK);
        JsonElement outcome = await Host.Marketplace().PostJsonAsync($"/freelancers/{noah}/proposals/job-1/outcome", """{"outcome":"JobRemoved"}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, outcome.Int("refunded"));

        JsonElement connects = await Host.Client(noah).GetAsync($"/freelancers/{noah}/connects").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(90, connects.Int("balance"));
        JsonElement ledger = await Host.Client(noah).GetAsync($"/freelancers/{noah}/ledger").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Granted", "Granted", "Bought", "Spent", "Refunded"], ledger.GetProperty("entries").EnumerateArray().Select(e => e.Str("kind")));
        JsonElement bill = await Host.Client(noah).GetAsync($"/freelancers/{noah}/bill").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, bill.GetProperty("lines").GetArrayLength());
        JsonElement account = await Host.Client(noah).GetAsync($"/freelancers/{noah}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(noah, account.Str("holder"));
        await Host.Client(noah).PostAsync($"/freelancers/{noah}/plan/downgrade", null).ExpectAsync(HttpStatusCode.OK);
        await Host.Client(noah).PostAsync($"/freelancers/{noah}/plan/cancel", null).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "PlanChangeAlreadyScheduled");
        await Host.Marketplace().PostAsync($"/freelancers/{noah}/plan/payment-failed", null).ExpectAsync(HttpStatusCode.OK);
        await Host.Client(NewId("mia")).GetAsync($"/freelancers/{noah}").ExpectProblemAsync(HttpStatusCode.Forbidden, "NotAccountHolder");
        await Host.Client(NewId("mia")).PostAsync($"/freelancers/{noah}/plan/upgrade", null).ExpectProblemAsync(HttpStatusCode.Forbidden, "NotAccountHolder");
    }

    [Fact]
    public async Task An_exclusive_member_of_an_agency_cannot_submit_from_their_own_account()
    {
        string liam = NewId("liam");
        string agency = await CreatePlusAgencyAsync(NewId("olivia"));
        await Host.Client(liam).PostJsonAsync("/freelancers", "{}").ExpectAsync(HttpStatusCode.Created);
        await JoinAsync(agency, liam, exclusive: true).ExpectAsync(HttpStatusCode.Created);

        JsonElement problem = await Host.Client(liam).PostJsonAsync($"/freelancers/{liam}/proposals", """{"id":"job-1","cost":0}""", NewId("s"))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "ExclusivityConflict");
        Assert.Equal(agency, problem.Str("otherAgency"));
    }

    [Fact]
    public async Task The_month_end_job_needs_the_marketplace_scope_and_closes_the_elapsed_periods_of_every_account()
    {
        string owner = NewId("olivia"), noah = NewId("noah");
        string agency = await CreatePlusAgencyAsync(owner);
        await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/connects", """{"quantity":100}""", NewId("k")).ExpectAsync(HttpStatusCode.OK);
        await Host.Client(noah).PostJsonAsync("/freelancers", "{}").ExpectAsync(HttpStatusCode.Created);
        using (HttpResponseMessage refused = await Host.Client(owner).PostAsync("/month-end", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Host.Clock.Advance(Duration.FromDays(40)); // past the end of the period every account of this test began in
        JsonElement run = await Host.Marketplace().PostAsync("/month-end", null).ExpectAsync(HttpStatusCode.OK);

        Assert.True(run.Int("changed") >= 2, run.ToString());
        Assert.Equal(0, run.Int("conflicts"));
        JsonElement closed = await Host.Client(owner).GetAsync($"/agencies/{agency}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(160 + 80, closed.Int("balance")); // 180 unused, 160 carried over (the cap), the next 80 granted
        Assert.Equal(1, closed.GetProperty("currentPeriod").Int("index"));
        JsonElement account = await Host.Client(noah).GetAsync($"/freelancers/{noah}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, account.GetProperty("currentPeriod").Int("index"));
        JsonElement again = await Host.Marketplace().PostAsync("/month-end", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, again.Int("changed"));
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_in_Development()
    {
        JsonElement document = await Host.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        JsonElement paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/agencies/{agencyId}/connects", out _));
        Assert.True(paths.TryGetProperty("/freelancers/{person}/proposals", out _));
    }

    protected async Task<string> CreateAgencyAsync(string owner, bool exclusive = false)
    {
        string agency = NewId("agency");
        await Host.Client(owner).PostJsonAsync("/agencies", $$"""{"id":"{{agency}}","exclusive":{{(exclusive ? "true" : "false")}}}""").ExpectAsync(HttpStatusCode.Created);
        return agency;
    }

    protected async Task<string> CreatePlusAgencyAsync(string owner, params (string Person, string Permissions)[] members)
    {
        string agency = await CreateAgencyAsync(owner);
        await Host.Client(owner).PostAsync($"/agencies/{agency}/plan/upgrade", null).ExpectAsync(HttpStatusCode.OK);
        foreach ((string person, string permissions) in members)
        {
            await Host.Client(owner).PostJsonAsync($"/agencies/{agency}/members", $$"""{"person":"{{person}}","permissions":["{{permissions}}"]}""")
                .ExpectAsync(HttpStatusCode.Created);
        }

        return agency;
    }

    protected async Task<HttpResponseMessage> JoinAsync(string agency, string person, bool exclusive)
    {
        string owner = (await Host.Store.LoadAgencyAsync(Domain.Values.AgencyId.Create(agency).AsT0))!.Owner.Value;
        return await Host.Client(owner).PostJsonAsync(
            $"/agencies/{agency}/members", $$"""{"person":"{{person}}","permissions":["Freelancer"],"exclusive":{{(exclusive ? "true" : "false")}}}""");
    }
}

public sealed class SqliteEndpointTests(SqliteFixture host) : EndpointTests<SqliteFixture>(host), IClassFixture<SqliteFixture>;

public sealed class PostgresEndpointTests(PostgresFixture host) : EndpointTests<PostgresFixture>(host), IClassFixture<PostgresFixture>;
