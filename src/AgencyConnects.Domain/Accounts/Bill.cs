using System.Collections.Immutable;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>What a bill line is for.</summary>
public enum BillLineKind
{
    /// <summary>A plan's fee for a billing period.</summary>
    PeriodFee,

    /// <summary>Connects bought.</summary>
    ConnectsPurchase,
}

/// <summary>One line of what an account owes: a period fee or a purchase.</summary>
/// <param name="Kind">What the line is for.</param>
/// <param name="At">When it was charged.</param>
/// <param name="Plan">The account's plan when it was charged.</param>
/// <param name="Amount">What is owed.</param>
/// <param name="Period">For a fee, the billing period it pays for.</param>
/// <param name="Quantity">For a purchase, the Connects bought.</param>
/// <param name="UnitPrice">For a purchase, the price of one Connect.</param>
/// <param name="Request">For a purchase, the caller's request key.</param>
/// <param name="Actor">For a purchase, the person who bought.</param>
public sealed record BillLine(
    BillLineKind Kind,
    Instant At,
    Plan Plan,
    Money Amount,
    BillingPeriod? Period = null,
    Connects? Quantity = null,
    Money? UnitPrice = null,
    RequestKey? Request = null,
    PersonId? Actor = null);

/// <summary>The lines an account was charged in [<see cref="From"/>, <see cref="To"/>) and their total.</summary>
/// <param name="From">The first instant included.</param>
/// <param name="To">The first instant excluded.</param>
/// <param name="Lines">The lines, oldest first.</param>
/// <param name="Total">The sum of the lines' amounts, in the catalog's currency.</param>
public sealed record Bill(Instant From, Instant To, ImmutableArray<BillLine> Lines, Money Total);
