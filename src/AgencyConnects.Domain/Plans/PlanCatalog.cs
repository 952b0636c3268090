using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Plans;

/// <summary>
/// The terms of every plan: fees, allotments, rollover caps, purchase rules, lifetimes of Connects and the actions
/// each plan allows (DOMAIN §2). Numbers live here, never in logic. Two catalogs ship: <see cref="Classic"/> (the
/// default, the seed's figures) and <see cref="Current"/> (the market since 2019); hosts may build their own with
/// <see cref="Create"/>.
/// </summary>
public sealed class PlanCatalog
{
    private static readonly Plan[] s_allPlans = [Plan.FreelancerBasic, Plan.FreelancerPlus, Plan.AgencyBasic, Plan.AgencyPlus];
    private static readonly int[] s_currentBundleSizes = [10, 20, 40, 60, 80, 150, 300];
    private readonly PlanTerms[] _terms;
    private readonly MonthEndTerms[] _monthEnd;

    private PlanCatalog(string name, Currency currency, FrozenDictionary<Plan, PlanTerms> terms)
    {
        Name = name;
        Currency = currency;
        _terms = s_allPlans.Select(p => terms[p]).ToArray();
        _monthEnd = _terms.Select(t => new MonthEndTerms(t)).ToArray();
        Plans = [.. _terms];
    }

    /// <summary>The seed's catalog, the default (DOMAIN §2, "Classic").</summary>
    /// <remarks>
    /// Agency Plus: $20.00 a month, 80 Connects a month shared by the agency, Connects bought at $1.00 each in any
    /// quantity of one or more, up to 160 unused Connects (bought ones included) carried into the next period.
    /// Agency Basic: no fee, no allotment, cannot buy, cannot add members or spend Connects (its Connects are frozen),
    /// no cap (nothing is forfeited while frozen). Freelancer Basic: free, 10 a month, cap 20, cannot buy [choice].
    /// Freelancer Plus: $10.00, 70 a month, cap 140, buys as Agency Plus. Connects never expire. The largest proposal
    /// cost is 6 Connects and the largest boost bid 50 [choice: the seed names neither].
    /// </remarks>
    public static PlanCatalog Classic { get; } = BuildClassic();

    /// <summary>The market's catalog since 2019 (DOMAIN §2, "Current"), with the default Freelancer Plus fee of $20.00.</summary>
    /// <remarks>
    /// Agency Plus: $20.00 a month, no allotment. Connects are bought in bundles of 10, 20, 40, 60, 80, 150 or 300 at
    /// $0.15 each (Agency Plus and both freelancer plans); no rollover cap; every acquired Connect expires one year
    /// after it was acquired. Agency Basic: no fee, no allotment, cannot buy. Freelancer Basic: free, 10 a month.
    /// Freelancer Plus: 100 a month, fee chosen by the host (<see cref="CurrentWithFreelancerPlusFee"/>). The largest
    /// proposal cost is 16 Connects and the largest boost bid 50 [choice].
    /// </remarks>
    public static PlanCatalog Current { get; } = BuildCurrent(Usd(20.00m));

    /// <summary>
    /// The catalog's name, which identifies it where accounts are stored: a snapshot or an event names its catalog,
    /// never copies it, and a <see cref="PlanCatalogRegistry"/> resolves the name. The shipped catalogs are
    /// <c>Classic</c> and <c>Current</c>; <see cref="CurrentWithFreelancerPlusFee"/> names its catalog
    /// <c>Current (Freelancer Plus 30.00 USD)</c> for any fee but the default.
    /// </summary>
    public string Name { get; }

    /// <summary>The one currency of every amount in the catalog.</summary>
    public Currency Currency { get; }

    /// <summary>The terms of the four plans, in the order Freelancer Basic, Freelancer Plus, Agency Basic, Agency Plus.</summary>
    public ImmutableArray<PlanTerms> Plans { get; }

    /// <summary>The terms of one plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>Its terms; every catalog holds all four plans.</returns>
    /// <remarks>
    /// An accessor, like a dictionary's indexer: a <see cref="Plan"/> whose kind or tier is not a named value is a
    /// key no catalog holds, and throws. <see cref="Plans"/> lists the four plans' terms without a key.
    /// </remarks>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="plan"/> holds an undefined kind or tier.</exception>
    public PlanTerms this[Plan plan] => _terms[IndexOf(plan)];

    /// <summary>The month-end figures of one plan (see <see cref="this[Plan]"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly MonthEndTerms MonthEnd(Plan plan) => ref _monthEnd[IndexOf(plan)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(Plan plan)
        => unchecked((uint)plan.Kind <= 1 && (uint)plan.Tier <= 1)
            ? ((int)plan.Kind * 2) + (int)plan.Tier
            : throw new System.ArgumentOutOfRangeException(nameof(plan), plan, "Unknown account kind or tier.");

    /// <summary>Builds a catalog from the terms of the four plans.</summary>
    /// <param name="name">A name for the catalog.</param>
    /// <param name="currency">The currency of every amount.</param>
    /// <param name="plans">The terms of Freelancer Basic, Freelancer Plus, Agency Basic and Agency Plus, in any order.</param>
    /// <returns>
    /// The catalog, or (the last slot) <see cref="InvalidArgument"/>: <see cref="DefaultValue"/> (<c>currency</c>,
    /// <c>Currency</c>) when <paramref name="currency"/> is <c>default</c>, checked first; <see cref="UndefinedValue"/>
    /// (<c>plans</c>) when a term's plan holds an undefined <see cref="AccountKind"/> or <see cref="PlanTier"/>, its
    /// <see cref="PlanTerms.RolloverScope"/> is not a named <see cref="RolloverScope"/>, or its
    /// <see cref="PlanTerms.AllowedActions"/> hold bits outside <see cref="PlanActions.All"/> (in that order, term by
    /// term, before the checks below on the same term). Otherwise: <see cref="MissingPlan"/> when one of the four plans has no terms;
    /// <see cref="DuplicatePlan"/> when one has two; <see cref="MixedCurrencies"/> when a fee or price is not in
    /// <paramref name="currency"/>; <see cref="PurchaseRulesMismatch"/> when a plan allows buying without purchase
    /// rules, or has rules but does not allow buying; <see cref="InvalidLifetime"/> when a lifetime of Connects is zero,
    /// has a negative unit, or is so long that Connects acquired on <see cref="Billing.BillingSchedule.MaxAnchor"/>
    /// would expire after the last instant there is (9999-12-31) in some time zone; <see cref="ProposalLimitsTooLarge"/> when the largest cost
    /// and boost together exceed <see cref="Connects.MaxValue"/>. Negative fees and caps cannot be expressed:
    /// <see cref="Money"/> and <see cref="Connects"/> refuse them.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="name"/>, <paramref name="plans"/> or one of its terms is null.</exception>
    public static OneOf<PlanCatalog, MissingPlan, DuplicatePlan, MixedCurrencies, PurchaseRulesMismatch, ProposalLimitsTooLarge, InvalidLifetime, InvalidArgument> Create(
        string name, Currency currency, IEnumerable<PlanTerms> plans)
    {
        Guard.NotNull(name);
        Guard.NotNull(plans);
        if (currency.IsDefault)
        {
            return new DefaultValue(nameof(currency), nameof(Currency));
        }

        var byPlan = new Dictionary<Plan, PlanTerms>();
        foreach (PlanTerms terms in plans)
        {
            Guard.NotNull(terms);
            if (CheckDefined(terms, nameof(plans)) is { } undefined)
            {
                return undefined;
            }

            if (!byPlan.TryAdd(terms.Plan, terms))
            {
                return new DuplicatePlan(terms.Plan);
            }

            if (terms.MonthlyFee.Currency != currency)
            {
                return new MixedCurrencies(terms.Plan, currency, terms.MonthlyFee.Currency);
            }

            if (terms.Purchases is { } rules && rules.UnitPrice.Currency != currency)
            {
                return new MixedCurrencies(terms.Plan, currency, rules.UnitPrice.Currency);
            }

            if (terms.Allows(PlanActions.BuyConnects) != terms.Purchases is not null)
            {
                return new PurchaseRulesMismatch(terms.Plan);
            }

            if (terms.ConnectsLifetime is { } lifetime && !ConnectsLifetimes.IsValid(lifetime))
            {
                return new InvalidLifetime(terms.Plan, lifetime);
            }

            if ((long)terms.MaxProposalCost.Value + terms.MaxBoostBid.Value > int.MaxValue)
            {
                return new ProposalLimitsTooLarge(terms.Plan, terms.MaxProposalCost, terms.MaxBoostBid);
            }
        }

        foreach (Plan plan in s_allPlans)
        {
            if (!byPlan.ContainsKey(plan))
            {
                return new MissingPlan(plan);
            }
        }

        return new PlanCatalog(name, currency, byPlan.ToFrozenDictionary());
    }

    /// <summary>The <see cref="Current"/> catalog with the host's Freelancer Plus fee (named after the fee, unless it is the default).</summary>
    /// <param name="freelancerPlusFee">The monthly fee of Freelancer Plus, in US dollars.</param>
    /// <returns>The catalog, or <see cref="MixedCurrencies"/> when the fee is not in US dollars.</returns>
    public static OneOf<PlanCatalog, MixedCurrencies> CurrentWithFreelancerPlusFee(Money freelancerPlusFee)
        => freelancerPlusFee.Currency == Currency.Usd
            ? BuildCurrent(freelancerPlusFee)
            : new MixedCurrencies(Plan.FreelancerPlus, Currency.Usd, freelancerPlusFee.Currency);

    /// <summary>The catalog's name.</summary>
    public override string ToString() => Name;

    private static UndefinedValue? CheckDefined(PlanTerms terms, string parameter)
    {
        if (terms.Plan.Kind is not (AccountKind.Freelancer or AccountKind.Agency))
        {
            return new UndefinedValue(parameter, nameof(AccountKind), (long)terms.Plan.Kind);
        }

        if (terms.Plan.Tier is not (PlanTier.Basic or PlanTier.Plus))
        {
            return new UndefinedValue(parameter, nameof(PlanTier), (long)terms.Plan.Tier);
        }

        if (terms.RolloverScope is not (RolloverScope.AllUnused or RolloverScope.AllotmentOnly))
        {
            return new UndefinedValue(parameter, nameof(RolloverScope), (long)terms.RolloverScope);
        }

        return (terms.AllowedActions & ~PlanActions.All) != 0
            ? new UndefinedValue(parameter, nameof(PlanActions), (long)terms.AllowedActions)
            : null;
    }

    private static Money Usd(decimal amount) => Money.Create(amount, Currency.Usd).AsT0;

    private static PlanCatalog BuildClassic()
    {
        PurchaseRules anyQuantity = PurchaseRules.AnyQuantity(Usd(1.00m), Connects.Of(1)).AsT0;
        return Create("Classic", Currency.Usd,
        [
            new PlanTerms
            {
                Plan = Plan.FreelancerBasic, MonthlyFee = Usd(0m), MonthlyAllotment = Connects.Of(10),
                RolloverCap = Connects.Of(20), AllowedActions = PlanActions.SpendConnects,
                MaxProposalCost = Connects.Of(6), MaxBoostBid = Connects.Of(50),
            },
            new PlanTerms
            {
                Plan = Plan.FreelancerPlus, MonthlyFee = Usd(10.00m), MonthlyAllotment = Connects.Of(70),
                RolloverCap = Connects.Of(140), AllowedActions = PlanActions.SpendConnects | PlanActions.BuyConnects,
                Purchases = anyQuantity, MaxProposalCost = Connects.Of(6), MaxBoostBid = Connects.Of(50),
            },
            new PlanTerms
            {
                Plan = Plan.AgencyBasic, MonthlyFee = Usd(0m), MonthlyAllotment = Connects.Zero,
                AllowedActions = PlanActions.None, MaxProposalCost = Connects.Of(6), MaxBoostBid = Connects.Of(50),
            },
            new PlanTerms
            {
                Plan = Plan.AgencyPlus, MonthlyFee = Usd(20.00m), MonthlyAllotment = Connects.Of(80),
                RolloverCap = Connects.Of(160), AllowedActions = PlanActions.All,
                Purchases = anyQuantity, MaxProposalCost = Connects.Of(6), MaxBoostBid = Connects.Of(50),
            },
        ]).AsT0;
    }

    private static PlanCatalog BuildCurrent(Money freelancerPlusFee)
    {
        PurchaseRules bundles = PurchaseRules.Bundles(Usd(0.15m), s_currentBundleSizes.Select(Connects.Of)).AsT0;
        Period year = Period.FromYears(1);
        string name = freelancerPlusFee == Usd(20.00m) ? "Current" : $"Current (Freelancer Plus {freelancerPlusFee})";
        return Create(name, Currency.Usd,
        [
            new PlanTerms
            {
                Plan = Plan.FreelancerBasic, MonthlyFee = Usd(0m), MonthlyAllotment = Connects.Of(10),
                AllowedActions = PlanActions.SpendConnects | PlanActions.BuyConnects, Purchases = bundles,
                ConnectsLifetime = year, MaxProposalCost = Connects.Of(16), MaxBoostBid = Connects.Of(50),
            },
            new PlanTerms
            {
                Plan = Plan.FreelancerPlus, MonthlyFee = freelancerPlusFee, MonthlyAllotment = Connects.Of(100),
                AllowedActions = PlanActions.SpendConnects | PlanActions.BuyConnects, Purchases = bundles,
                ConnectsLifetime = year, MaxProposalCost = Connects.Of(16), MaxBoostBid = Connects.Of(50),
            },
            new PlanTerms
            {
                Plan = Plan.AgencyBasic, MonthlyFee = Usd(0m), MonthlyAllotment = Connects.Zero,
                AllowedActions = PlanActions.None, ConnectsLifetime = year,
                MaxProposalCost = Connects.Of(16), MaxBoostBid = Connects.Of(50),
            },
            new PlanTerms
            {
                Plan = Plan.AgencyPlus, MonthlyFee = Usd(20.00m), MonthlyAllotment = Connects.Zero,
                AllowedActions = PlanActions.All, Purchases = bundles, ConnectsLifetime = year,
                MaxProposalCost = Connects.Of(16), MaxBoostBid = Connects.Of(50),
            },
        ]).AsT0;
    }
}

/// <summary>A catalog was given no terms for one of the four plans.</summary>
/// <param name="Plan">The plan without terms.</param>
public sealed record MissingPlan(Plan Plan) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The catalog has no terms for {Plan}.";
}

/// <summary>A catalog was given two sets of terms for one plan.</summary>
/// <param name="Plan">The plan named twice.</param>
public sealed record DuplicatePlan(Plan Plan) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The catalog has two sets of terms for {Plan}.";
}

/// <summary>An amount in a catalog is not in the catalog's currency.</summary>
/// <param name="Plan">The plan whose amount differs.</param>
/// <param name="Expected">The catalog's currency.</param>
/// <param name="Actual">The amount's currency.</param>
public sealed record MixedCurrencies(Plan Plan, Currency Expected, Currency Actual) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Plan} has an amount in {Actual}; the catalog is in {Expected}.";
}

/// <summary>A plan allows buying Connects without purchase rules, or has purchase rules but does not allow buying.</summary>
/// <param name="Plan">The plan.</param>
public sealed record PurchaseRulesMismatch(Plan Plan) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Plan} allows buying Connects without purchase rules, or has purchase rules without allowing it.";
}

/// <summary>A plan's largest proposal cost and largest boost bid together exceed <see cref="Connects.MaxValue"/>.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="MaxProposalCost">Its largest proposal cost.</param>
/// <param name="MaxBoostBid">Its largest boost bid.</param>
public sealed record ProposalLimitsTooLarge(Plan Plan, Connects MaxProposalCost, Connects MaxBoostBid) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Plan}: the largest proposal cost {MaxProposalCost} and boost {MaxBoostBid} together exceed the largest quantity of Connects.";
}

/// <summary>
/// A plan's lifetime of acquired Connects is zero or has a negative unit (Connects would expire before they were
/// acquired), or is so long that Connects acquired on <see cref="Billing.BillingSchedule.MaxAnchor"/> would expire
/// after the last instant there is (9999-12-31) in some time zone.
/// </summary>
/// <param name="Plan">The plan.</param>
/// <param name="Lifetime">The lifetime given.</param>
public sealed record InvalidLifetime(Plan Plan, Period Lifetime) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Plan}: the lifetime {Lifetime} of Connects is not one the library can represent.";
}
