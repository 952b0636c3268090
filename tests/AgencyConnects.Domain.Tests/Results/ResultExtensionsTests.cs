using System;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using OneOf;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Results;

/// <summary>The one-line path through a result: success or the error, whatever the number of cases.</summary>
public sealed class ResultExtensionsTests
{
    [Fact]
    public void A_success_is_taken_in_one_line()
    {
        var result = PlusAgency().BuyConnects(Owner, C(20), Key("order-1"), Hours(1));

        Assert.True(result.IsSuccess);
        Assert.Null(result.Error);
        Assert.True(result.TryGetSuccess(out ConnectsPurchase<AgencyAccount>? bought, out DomainError? error));
        Assert.Null(error);
        Assert.Equal(C(100), bought.Account.Balance);
        Assert.Same(bought, result.SuccessOrThrow());
    }

    [Fact]
    public void An_error_is_taken_as_its_common_base_with_a_code_and_a_message()
    {
        var result = PlusAgency().BuyConnects(Stranger, C(20), Key("order-1"), Hours(1));

        Assert.False(result.IsSuccess);
        Assert.Equal(new NotAuthorized(Stranger, Permissions.Admin), result.Error);
        Assert.False(result.TryGetSuccess(out ConnectsPurchase<AgencyAccount>? bought, out DomainError? error));
        Assert.Null(bought);
        Assert.Equal("NotAuthorized", error.Code);
        Assert.Equal("mallory does not hold the Admin permission.", error.Message);
        InvalidOperationException thrown = Assert.Throws<InvalidOperationException>(() => result.SuccessOrThrow());
        Assert.Equal("NotAuthorized: mallory does not hold the Admin permission.", thrown.Message);
    }

    [Fact]
    public void Every_arity_of_result_offers_the_same_members()
    {
        DomainError error = new AlreadyOnPlan(Plan.AgencyPlus);
        Assert.Equal(error, ((OneOf<int, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(error, ((OneOf<int, AgencyIsClosed, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(error, ((OneOf<int, AgencyIsClosed, NotOwner, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(error, ((OneOf<int, AgencyIsClosed, NotOwner, NotAMember, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(error, ((OneOf<int, AgencyIsClosed, NotOwner, NotAMember, AlreadyOwner, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(error, ((OneOf<int, AgencyIsClosed, NotOwner, NotAMember, AlreadyOwner, AgencyNotEmpty, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(error, ((OneOf<int, AgencyIsClosed, NotOwner, NotAMember, AlreadyOwner, AgencyNotEmpty, AlreadyAMember, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(error, ((OneOf<int, AgencyIsClosed, NotOwner, NotAMember, AlreadyOwner, AgencyNotEmpty, AlreadyAMember, OwnerCannotBeRemoved, AlreadyOnPlan>)new AlreadyOnPlan(Plan.AgencyPlus)).Error);
        Assert.Equal(7, ((OneOf<int, AgencyIsClosed, NotOwner, NotAMember, AlreadyOwner, AgencyNotEmpty, AlreadyAMember, OwnerCannotBeRemoved, AlreadyOnPlan>)7).SuccessOrThrow());
        Assert.True(((OneOf<int, AlreadyOnPlan>)7).TryGetSuccess(out int seven, out _));
        Assert.Equal(7, seven);
    }

    [Fact]
    public void Every_error_of_the_library_derives_from_DomainError_with_its_type_name_as_code_and_a_message()
    {
        Type[] errors = [.. typeof(DomainError).Assembly.GetExportedTypes().Where(t => typeof(DomainError).IsAssignableFrom(t) && !t.IsAbstract)];

        Assert.True(errors.Length > 50, $"only {errors.Length} errors found");
        Assert.All(errors, t => Assert.True(t.IsSealed, $"{t.Name} is not sealed"));
        Assert.Equal("InsufficientConnects", new InsufficientConnects(C(5), C(2)).Code);
        Assert.Equal("5 Connects were asked for; the pool holds 2 Connects.", new InsufficientConnects(C(5), C(2)).Message);
        Assert.Equal("InstantBeforeLastChange", new InstantBeforeLastChange(Hours(1), Hours(2)).Code);
        Assert.Equal("\"us\" is not a currency code (three letters A to Z).", Currency.Create("us").AsT1.Message);
    }

    [Fact]
    public void Purchases_and_submissions_are_updates_so_a_host_stores_every_success_alike()
    {
        AgencyAccount agency = PlusAgency().WithMember(Person("ben"), Permissions.Freelancer, Hours(1));
        Updated<AgencyAccount> bought = agency.BuyConnects(Owner, C(5), Key("k1"), Hours(2)).SuccessOrThrow();
        Updated<AgencyAccount> submitted = bought.Account.SubmitProposal(Owner, Person("ben"), Proposal("p1"), C(2), C(0), Key("k2"), Hours(3)).SuccessOrThrow();

        Assert.IsType<ConnectsBought>(Assert.Single(bought.Events));
        Assert.IsType<ProposalSubmitted>(Assert.Single(submitted.Events));
        Assert.Equal(C(83), submitted.Account.Balance);
    }

    [Fact]
    public void A_purchase_names_the_lot_it_created_and_a_repeat_names_the_same_lot()
    {
        AgencyAccount agency = PlusAgency(Settings(PlanCatalog.Current));
        ConnectsPurchase<AgencyAccount> bought = agency.BuyConnects(Owner, C(40), Key("k1"), Hours(2)).SuccessOrThrow();
        ConnectsPurchase<AgencyAccount> repeat = bought.Account.BuyConnects(Owner, C(40), Key("k1"), Hours(3)).SuccessOrThrow();

        var expected = new Lot(LotSource.Purchase, C(40), Hours(2), Utc(2026, 1, 10, 11));
        Assert.Equal(expected, bought.Lot);
        Assert.Contains(expected, bought.Account.Pool.Lots.ToArray());
        Assert.True(repeat.IsRepeat);
        Assert.Equal(expected, repeat.Lot);
    }
}
