using System;
using System.Text;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>Every error case of reading, with its path: bad input is named, never thrown, and builds nothing.</summary>
public sealed class ReadingErrorTests
{
    private const string Expired = """{"type":"ConnectsExpired","schema":1,"at":"2025-02-10T23:00:00Z","quantity":12}""";

    private static readonly AccountEventJson s_json = AccountEventJson.Default;

    private static string Golden(string tag) => AccountEventJson.Default.Write(SampleEvents.ByTag[tag]);

    private static JsonContractError ErrorOf(string json) => s_json.Read(json).AsT1;

    [Theory]
    [InlineData("", "$")]
    [InlineData("   ", "$")]
    [InlineData("{", "$")]
    [InlineData("""{"type":"ConnectsExpired","schema":1,"at":"2025-02-10T23:00:00Z","quantity":1""", "$.quantity")]
    [InlineData("""{"type":"ConnectsExpired","schema":1,"at":"2025-02-10T23:00:00Z","quantity":12}}""", "$")]
    [InlineData("""{"type":"ConnectsExpired","schema":1,"line":{"kind":"PeriodFee",]}""", "$.line.kind")]
    [InlineData("""{"type":"ConnectsExpired",'schema':1}""", "$.type")]
    public void Truncated_or_malformed_text_is_MalformedJson_where_reading_stopped(string json, string path)
        => Assert.Equal(new MalformedJson(path), ErrorOf(json));

    [Fact]
    public void Text_that_is_not_UTF8_is_MalformedJson()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Expired);
        bytes[Expired.IndexOf("2025", StringComparison.Ordinal)] = 0xC3;

        JsonContractError error = s_json.Read(bytes).AsT1;

        Assert.IsType<MalformedJson>(error);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("12")]
    [InlineData("\"ConnectsExpired\"")]
    [InlineData("null")]
    public void A_document_that_is_not_an_object_is_WrongJsonType_at_the_root(string json)
        => Assert.Equal(new WrongJsonType("$", "object"), ErrorOf(json));

    [Fact]
    public void An_unknown_type_tag_is_named_with_its_path()
        => Assert.Equal(new UnknownTypeTag("$.type", "ConnectsGifted"), ErrorOf(Expired.Replace("ConnectsExpired", "ConnectsGifted", StringComparison.Ordinal)));

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_schema_version_this_package_does_not_read_is_UnsupportedSchemaVersion(long version)
        => Assert.Equal(
            new UnsupportedSchemaVersion("$.schema", version),
            ErrorOf(Expired.Replace("\"schema\":1", "\"schema\":" + version, StringComparison.Ordinal)));

    [Fact]
    public void A_future_schema_version_is_named_as_such_even_with_fields_this_version_does_not_know_and_wherever_it_is()
        => Assert.Equal(
            new UnsupportedSchemaVersion("$.schema", 3),
            ErrorOf("""{"quantity":12,"withheld":{"reason":"new"},"at":"2025-02-10T23:00:00Z","type":"ConnectsGifted","schema":3}"""));

    [Fact]
    public void Fields_in_any_order_read_the_same()
    {
        var reordered = s_json.Read("""{"quantity":12,"at":"2025-02-10T23:00:00Z","schema":1,"type":"ConnectsExpired"}""");

        Assert.Equal(s_json.Read(Expired).AsT0, reordered.AsT0);
    }

    [Theory]
    [InlineData("\"type\":\"ConnectsExpired\",", "$.type")]
    [InlineData("\"schema\":1,", "$.schema")]
    [InlineData(",\"quantity\":12", "$.quantity")]
    [InlineData("\"at\":\"2025-02-10T23:00:00Z\",", "$.at")]
    public void A_missing_field_is_MissingField_with_its_path(string removed, string path)
        => Assert.Equal(new MissingField(path), ErrorOf(Expired.Replace(removed, string.Empty, StringComparison.Ordinal)));

    [Fact]
    public void A_null_where_a_value_is_required_is_MissingField()
        => Assert.Equal(new MissingField("$.quantity"), ErrorOf(Expired.Replace("12", "null", StringComparison.Ordinal)));

    [Theory]
    [InlineData("ConnectsBought", ",\"currency\":\"USD\"}", "}", "$.line.amount.currency")]
    [InlineData("ProposalSubmitted", "\"boost\":10,", "", "$.proposal.boost")]
    [InlineData("AgencyCreated", "\"zone\":\"Europe/Paris\",", "", "$.settings.zone")]
    [InlineData("MemberAdded", ",\"joinedAt\":\"2025-01-31T08:30:00Z\"", "", "$.member.joinedAt")]
    [InlineData("PeriodClosed", "\"index\":0,", "", "$.period.index")]
    public void A_missing_nested_field_is_MissingField_with_its_full_path(string tag, string text, string replacement, string path)
    {
        string golden = Golden(tag);
        Assert.Contains(text, golden, StringComparison.Ordinal);

        Assert.Equal(new MissingField(path), ErrorOf(golden.Replace(text, replacement, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{\"bonus\":1,", "$.bonus")]
    [InlineData("{\"Quantity\":1,", "$.Quantity")]
    public void A_field_the_contract_does_not_have_is_UnexpectedField(string start, string path)
        => Assert.Equal(new UnexpectedField(path), ErrorOf(start + Expired[1..]));

    [Fact]
    public void An_extra_nested_field_is_UnexpectedField_with_its_full_path()
        => Assert.Equal(
            new UnexpectedField("$.line.amount.cents"),
            ErrorOf(Golden("ConnectsBought").Replace("\"currency\":\"USD\"}", "\"currency\":\"USD\",\"cents\":600}", StringComparison.Ordinal)));

    [Fact]
    public void A_field_given_twice_is_UnexpectedField()
        => Assert.Equal(new UnexpectedField("$.quantity"), ErrorOf(Expired.Replace("}", ",\"quantity\":13}", StringComparison.Ordinal)));

    [Theory]
    [InlineData("\"quantity\":12", "\"quantity\":\"12\"", "$.quantity", "number")]
    [InlineData("\"quantity\":12", "\"quantity\":[12]", "$.quantity", "number")]
    [InlineData("\"at\":\"2025-02-10T23:00:00Z\"", "\"at\":1739228400", "$.at", "string")]
    [InlineData("\"schema\":1", "\"schema\":\"1\"", "$.schema", "number")]
    [InlineData("\"type\":\"ConnectsExpired\"", "\"type\":7", "$.type", "string")]
    public void A_value_of_the_wrong_JSON_kind_is_WrongJsonType(string text, string replacement, string path, string expected)
        => Assert.Equal(new WrongJsonType(path, expected), ErrorOf(Expired.Replace(text, replacement, StringComparison.Ordinal)));

    [Theory]
    [InlineData("ConnectsBought", "\"line\":{", "\"line\":[],\"x\":{", "$.line", "object")]
    [InlineData("MemberAdded", "[\"Admin\",\"Freelancer\"]", "\"Admin\"", "$.member.permissions", "array")]
    [InlineData("MemberAdded", "[\"Admin\",\"Freelancer\"]", "[\"Admin\",4]", "$.member.permissions[1]", "string")]
    [InlineData("ProposalSubmitted", "\"boostRefunded\":false", "\"boostRefunded\":0", "$.proposal.boostRefunded", "boolean")]
    public void A_nested_value_of_the_wrong_JSON_kind_is_WrongJsonType_with_its_full_path(string tag, string text, string replacement, string path, string expected)
    {
        string golden = Golden(tag);
        Assert.Contains(text, golden, StringComparison.Ordinal);

        Assert.Equal(new WrongJsonType(path, expected), ErrorOf(golden.Replace(text, replacement, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("2147483648")]
    [InlineData("9223372036854775808")]
    [InlineData("1e30")]
    [InlineData("1.5")]
    public void A_negative_too_large_or_fractional_quantity_is_InvalidValue(string quantity)
    {
        JsonContractError error = ErrorOf(Expired.Replace("12", quantity, StringComparison.Ordinal));

        Assert.Equal("$.quantity", Assert.IsType<InvalidValue>(error).Path);
    }

    [Theory]
    [InlineData("ConnectsBought", "\"actor\":\"olivia\",\"quantity\"", "\"actor\":\"  \",\"quantity\"", "$.actor")]
    [InlineData("ConnectsBought", "\"request\":\"order-1\",\"line\"", "\"request\":\"\",\"line\"", "$.request")]
    [InlineData("ConnectsBought", "\"amount\":6.00", "\"amount\":-6.00", "$.line.amount.amount")]
    [InlineData("ConnectsBought", "\"currency\":\"USD\"}", "\"currency\":\"usd\"}", "$.line.amount.currency")]
    [InlineData("ConnectsBought", "\"plan\":\"AgencyPlus\"", "\"plan\":\"AgencyGold\"", "$.line.plan")]
    [InlineData("ConnectsBought", "\"at\":\"2025-02-03T14:05:07.25Z\"", "\"at\":\"yesterday\"", "$.at")]
    [InlineData("PlanChanged", "\"reason\":\"Upgrade\"", "\"reason\":\"upgrade\"", "$.reason")]
    [InlineData("MemberAdded", "[\"Admin\",\"Freelancer\"]", "[\"Admin\",\"Owner\"]", "$.member.permissions[1]")]
    [InlineData("PeriodClosed", "\"startDate\":\"2025-01-31\"", "\"startDate\":\"2025-03-31\"", "$.period")]
    [InlineData("PeriodClosed", "\"startDate\":\"2025-01-31\"", "\"startDate\":\"2025-02-30\"", "$.period.startDate")]
    [InlineData("PeriodClosed", "\"index\":0", "\"index\":-1", "$.period.index")]
    [InlineData("ProposalSubmitted", "\"refunded\":0", "\"refunded\":17", "$.proposal.refunded")]
    [InlineData("ProposalSubmitted", "\"outcome\":null", "\"outcome\":\"Hired\"", "$.proposal.outcome")]
    [InlineData("AgencyCreated", "\"monthEndPolicy\":\"FirstOfNextMonth\"", "\"monthEndPolicy\":\"LastDay\"", "$.settings.monthEndPolicy")]
    public void A_value_the_domain_refuses_is_InvalidValue_with_its_path(string tag, string text, string replacement, string path)
    {
        string golden = Golden(tag);
        Assert.Contains(text, golden, StringComparison.Ordinal);

        JsonContractError error = ErrorOf(golden.Replace(text, replacement, StringComparison.Ordinal));

        Assert.Equal(path, Assert.IsType<InvalidValue>(error).Path);
    }

    [Fact]
    public void An_identifier_longer_than_the_limit_is_InvalidValue()
    {
        string golden = Golden("MemberRemoved");
        string json = golden.Replace("\"person\":\"bruno\"", "\"person\":\"" + new string('b', 129) + "\"", StringComparison.Ordinal);

        Assert.Equal("$.person", Assert.IsType<InvalidValue>(ErrorOf(json)).Path);
    }

    [Fact]
    public void An_unknown_catalog_is_UnknownCatalogName()
        => Assert.Equal(
            new UnknownCatalogName("$.settings.catalog", "Legacy"),
            ErrorOf(Golden("AgencyCreated").Replace("\"catalog\":\"Current\"", "\"catalog\":\"Legacy\"", StringComparison.Ordinal)));

    [Fact]
    public void A_catalog_is_resolved_in_the_registry_the_reader_was_given()
    {
        PlanCatalog legacy = PlanCatalog.Create("Legacy", Currency.Usd, [.. PlanCatalog.Classic.Plans]).AsT0;
        var json = new AccountEventJson(PlanCatalogRegistry.Default.With(legacy).AsT0);
        string document = Golden("AgencyCreated").Replace("\"catalog\":\"Current\"", "\"catalog\":\"Legacy\"", StringComparison.Ordinal);

        var created = (AgencyCreated)json.Read(document).AsT0;

        Assert.Same(legacy, created.Settings.Catalog);
    }

    [Fact]
    public void An_unknown_time_zone_is_UnknownTimeZone()
        => Assert.Equal(
            new UnknownTimeZoneId("$.settings.zone", "Mars/Olympus_Mons"),
            ErrorOf(Golden("AgencyCreated").Replace("Europe/Paris", "Mars/Olympus_Mons", StringComparison.Ordinal)));

    [Fact]
    public void A_time_zone_is_resolved_by_the_provider_the_reader_was_given()
    {
        var json = new AccountEventJson(zones: DateTimeZoneProviders.Bcl);

        JsonContractError error = json.Read(Golden("AgencyCreated").Replace("Europe/Paris", "Asia/Kolkata", StringComparison.Ordinal)).Match(_ => null!, e => e);
        var utc = (FreelancerAccountOpened)json.Read(Golden("FreelancerAccountOpened")).AsT0;

        Assert.True(error is null or UnknownTimeZoneId);
        Assert.Equal("UTC", utc.Settings.Zone.Id);
    }

    [Fact]
    public void Errors_have_a_stable_code_and_a_message_naming_the_path()
    {
        JsonContractError error = ErrorOf(Expired.Replace("12", "-3", StringComparison.Ordinal));

        Assert.Equal("InvalidValue", error.Code);
        Assert.Contains("$.quantity", error.Message, StringComparison.Ordinal);
        Assert.False(s_json.Read(Expired.Replace("12", "-3", StringComparison.Ordinal)).IsSuccess);
        Assert.Same(error.GetType(), s_json.Read(Expired.Replace("12", "-3", StringComparison.Ordinal)).Error!.GetType());
        Assert.Throws<InvalidOperationException>(() => s_json.Read(Expired.Replace("12", "-3", StringComparison.Ordinal)).SuccessOrThrow());
    }
}
