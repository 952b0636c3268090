using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace AgencyConnects.SampleHost.Tests;

/// <summary>
/// Bad input and intruders, swept in one theory: each request gets a 4xx RFC 7807 problem, none a 500, and nothing is
/// stored (every table's row count and every stream's version are the same after as before).
/// </summary>
public abstract class IntruderTests<TFixture>(TFixture host)
    where TFixture : HostFixture
{
    private const string Agency = "intruder-target";
    private const string Owner = "target-owner";
    private const string Member = "target-member";

    protected TFixture Host { get; } = host;

    public static TheoryData<string, string, string, string?, string, int> Requests => new()
    {
        // name, method, path, body, who (token), expected status
        { "unknown route", "GET", "/nothing-here", null, "owner", 404 },
        { "unknown route under an agency", "GET", $"/agencies/{Agency}/nothing", null, "owner", 404 },
        { "method not allowed", "DELETE", $"/agencies/{Agency}/connects", null, "owner", 405 },
        { "malformed JSON", "POST", "/agencies", "{\"id\":", "stranger", 400 },
        { "JSON of the wrong shape", "POST", "/agencies", "[1,2,3]", "stranger", 400 },
        { "a number for a string", "POST", "/agencies", "{\"id\":5}", "stranger", 400 },
        { "no body", "POST", "/agencies", null, "stranger", 400 },
        { "no agency id", "POST", "/agencies", "{}", "stranger", 400 },
        { "an agency id too long", "POST", "/agencies", $"{{\"id\":\"{new string('a', 200)}\"}}", "stranger", 400 },
        { "a blank agency id", "POST", "/agencies", "{\"id\":\"   \"}", "stranger", 400 },
        { "an unknown time zone", "POST", "/agencies", "{\"id\":\"tz-agency\",\"timeZone\":\"Mars/Olympus\"}", "stranger", 400 },
        { "an unknown catalog", "POST", "/agencies", "{\"id\":\"cat-agency\",\"catalog\":\"Gold\"}", "stranger", 400 },
        { "a huge quantity", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":1e400}", "owner", 400 },
        { "a quantity beyond a long", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":99999999999999999999999}", "owner", 400 },
        { "a quantity beyond Connects", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":9999999999}", "owner", 400 },
        { "a negative quantity", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":-5}", "owner", 400 },
        { "a fractional quantity", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":2.5}", "owner", 400 },
        { "a negative cost", "POST", $"/agencies/{Agency}/proposals", "{\"id\":\"p\",\"cost\":-1}", "owner", 400 },
        { "no proposal id", "POST", $"/agencies/{Agency}/proposals", "{\"cost\":1}", "owner", 400 },
        { "an unknown permission", "POST", $"/agencies/{Agency}/members", "{\"person\":\"x\",\"permissions\":[\"Root\"]}", "owner", 400 },
        { "no permissions", "POST", $"/agencies/{Agency}/members", "{\"person\":\"x\"}", "owner", 400 },
        { "an unknown outcome", "POST", $"/agencies/{Agency}/proposals/p/outcome", "{\"outcome\":\"Lost\"}", "service", 400 },
        { "an outcome by number", "POST", $"/agencies/{Agency}/proposals/p/outcome", "{\"outcome\":\"3\"}", "service", 400 },
        { "dates that are not dates", "GET", $"/agencies/{Agency}/usage?from=yesterday&to=today", null, "owner", 400 },
        { "dates in the wrong order", "GET", $"/agencies/{Agency}/bill?from=2025-02-01&to=2025-01-01", null, "owner", 400 },
        { "an instant that is not one", "GET", $"/agencies/{Agency}/bill?at=noon", null, "owner", 400 },
        { "a period before the schedule", "GET", $"/agencies/{Agency}/bill?at=2001-01-01T00:00:00Z", null, "owner", 422 },
        { "a page too large", "GET", $"/agencies/{Agency}/ledger?limit=100000", null, "owner", 400 },
        { "a negative offset", "GET", $"/agencies/{Agency}/ledger?offset=-1", null, "owner", 400 },
        { "a limit that is not a number", "GET", $"/agencies/{Agency}/ledger?limit=many", null, "owner", 400 },
        { "an Idempotency-Key too long", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":5}", "owner-long-key", 400 },
        { "an unknown agency", "GET", "/agencies/no-such-agency", null, "owner", 404 },
        { "a purchase for an unknown agency", "POST", "/agencies/no-such-agency/connects", "{\"quantity\":5}", "owner", 404 },
        { "an unknown freelancer account", "GET", $"/freelancers/{Owner}", null, "owner", 404 },
        { "no token", "GET", $"/agencies/{Agency}", null, "none", 401 },
        { "no token, creating", "POST", "/agencies", "{\"id\":\"anonymous\"}", "none", 401 },
        { "an expired token", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":5}", "expired", 401 },
        { "a forged token", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":5}", "forged", 401 },
        { "a token for another audience", "GET", $"/agencies/{Agency}", null, "other-audience", 401 },
        { "a token that is not a token", "GET", $"/agencies/{Agency}", null, "garbage", 401 },
        { "a stranger reading an agency", "GET", $"/agencies/{Agency}", null, "stranger", 403 },
        { "a stranger buying Connects", "POST", $"/agencies/{Agency}/connects", "{\"quantity\":5}", "stranger", 403 },
        { "a stranger adding themselves", "POST", $"/agencies/{Agency}/members", "{\"person\":\"stranger\",\"permissions\":[\"Admin\"]}", "stranger", 403 },
        { "a stranger transferring ownership", "PUT", $"/agencies/{Agency}/owner", "{\"newOwner\":\"stranger\"}", "stranger", 403 },
        { "a stranger submitting", "POST", $"/agencies/{Agency}/proposals", "{\"id\":\"p-x\",\"cost\":1}", "stranger", 403 },
        { "a stranger closing the agency", "DELETE", $"/agencies/{Agency}", null, "stranger", 403 },
        { "a stranger reading the ledger", "GET", $"/agencies/{Agency}/ledger", null, "stranger", 403 },
        { "a member reading the bill", "GET", $"/agencies/{Agency}/bill", null, "member", 403 },
        { "a member upgrading", "POST", $"/agencies/{Agency}/plan/downgrade", null, "member", 403 },
        { "a member recording an outcome", "POST", $"/agencies/{Agency}/proposals/p/outcome", "{\"outcome\":\"JobCancelled\"}", "member", 403 },
        { "an owner failing a payment", "POST", $"/agencies/{Agency}/plan/payment-failed", null, "owner", 403 },
        { "a person reading another's freelancer account", "GET", $"/freelancers/{Member}", null, "stranger", 403 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Bad_input_and_intruders_get_a_4xx_problem_and_change_nothing(string name, string method, string path, string? body, string who, int status)
    {
        await EnsureTargetAsync();
        string before = await Host.StoredStateAsync();

        using HttpClient client = Client(who);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        else if (method is "POST" or "PUT" && path == "/agencies")
        {
            request.Content = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        }

        if (method is "POST" && path.EndsWith("/connects", StringComparison.Ordinal))
        {
            request.Headers.Add("Idempotency-Key", who == "owner-long-key" ? new string('k', 300) : "intruder-" + Guid.NewGuid().ToString("N"));
        }
        else if (method is "POST" && path.EndsWith("/proposals", StringComparison.Ordinal))
        {
            request.Headers.Add("Idempotency-Key", "intruder-" + Guid.NewGuid().ToString("N"));
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        string answer = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == status, $"{name}: expected {status}, got {(int)response.StatusCode}: {answer}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"status\":{status}", answer, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"urn:agencyconnects:error:", answer, StringComparison.Ordinal);
        Assert.Equal(before, await Host.StoredStateAsync());
    }

    private HttpClient Client(string who)
    {
        HttpClient client = Host.Anonymous();
        string? token = who switch
        {
            "none" => null,
            "owner" or "owner-long-key" => HostFixture.Token(Owner),
            "member" => HostFixture.Token(Member),
            "stranger" => HostFixture.Token("stranger"),
            "service" => HostFixture.Token("marketplace-billing", Auth.Tokens.MarketplaceScope),
            "expired" => HostFixture.Token(Owner, issuedAt: DateTime.UtcNow.AddHours(-2)),
            "forged" => HostFixture.Token(Owner, key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-key-that-is-not-the-hosts-0123456789abcdef"))),
            "other-audience" => HostFixture.Token(Owner, audience: "another-service"),
            "garbage" => "not-a-token",
            _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private async Task EnsureTargetAsync()
    {
        using HttpClient owner = Client("owner");
        using HttpResponseMessage existing = await owner.GetAsync($"/agencies/{Agency}");
        if (existing.IsSuccessStatusCode)
        {
            return;
        }

        await owner.PostJsonAsync("/agencies", $$"""{"id":"{{Agency}}"}""").ExpectAsync(System.Net.HttpStatusCode.Created);
        await owner.PostAsync($"/agencies/{Agency}/plan/upgrade", null).ExpectAsync(System.Net.HttpStatusCode.OK);
        await owner.PostJsonAsync($"/agencies/{Agency}/members", $$"""{"person":"{{Member}}","permissions":["Freelancer"]}""").ExpectAsync(System.Net.HttpStatusCode.Created);
        await owner.PostJsonAsync($"/agencies/{Agency}/proposals", """{"id":"p","cost":1}""", "target-proposal").ExpectAsync(System.Net.HttpStatusCode.Created);
        using HttpClient member = Client("member");
        await member.PostJsonAsync("/freelancers", "{}").ExpectAsync(System.Net.HttpStatusCode.Created);
    }
}

public sealed class SqliteIntruderTests(SqliteFixture host) : IntruderTests<SqliteFixture>(host), IClassFixture<SqliteFixture>;

public sealed class PostgresIntruderTests(PostgresFixture host) : IntruderTests<PostgresFixture>(host), IClassFixture<PostgresFixture>;
