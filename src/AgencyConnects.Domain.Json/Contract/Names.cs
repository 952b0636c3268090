using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>
/// The names the contract gives enum values. They are spelled out here, not taken from the C# names, so renaming a
/// member in the core never changes a stored document.
/// </summary>
internal sealed class Names<T>
    where T : struct, Enum
{
    private readonly (T Value, string Name)[] _pairs;

    public Names(params (T Value, string Name)[] pairs) => _pairs = pairs;

    public string Of(T value)
    {
        foreach ((T candidate, string name) in _pairs)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no name in the JSON contract.");
    }

    public bool TryParse(string name, out T value)
    {
        foreach ((T candidate, string known) in _pairs)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The names, for error messages: <c>"A", "B"</c>.</summary>
    public string List() => string.Join(", ", Array.ConvertAll(_pairs, p => "\"" + p.Name + "\""));
}

internal static class Names
{
    public static Names<AccountKind> AccountKinds { get; } = new(
        (AccountKind.Agency, "Agency"),
        (AccountKind.Freelancer, "Freelancer"));

    public static Names<LotSource> LotSources { get; } = new(
        (LotSource.Allotment, "Allotment"),
        (LotSource.Purchase, "Purchase"),
        (LotSource.Refund, "Refund"),
        (LotSource.CarriedOver, "CarriedOver"));

    public static Names<MembershipKind> MembershipKinds { get; } = new(
        (MembershipKind.NonExclusive, "NonExclusive"),
        (MembershipKind.Exclusive, "Exclusive"));

    public static Names<MonthEndPolicy> MonthEndPolicies { get; } = new(
        (MonthEndPolicy.ClampToMonthEnd, "ClampToMonthEnd"),
        (MonthEndPolicy.FirstOfNextMonth, "FirstOfNextMonth"));

    public static Names<PlanChangeReason> PlanChangeReasons { get; } = new(
        (PlanChangeReason.Upgrade, "Upgrade"),
        (PlanChangeReason.Downgrade, "Downgrade"),
        (PlanChangeReason.Cancel, "Cancel"),
        (PlanChangeReason.PaymentFailed, "PaymentFailed"));

    public static Names<BillLineKind> BillLineKinds { get; } = new(
        (BillLineKind.PeriodFee, "PeriodFee"),
        (BillLineKind.ConnectsPurchase, "ConnectsPurchase"));

    public static Names<Permissions> Permissions { get; } = new(
        (Membership.Permissions.Admin, "Admin"),
        (Membership.Permissions.BusinessManager, "BusinessManager"),
        (Membership.Permissions.Freelancer, "Freelancer"));

    public static Names<ProposalStatus> ProposalStatuses { get; } = new(
        (ProposalStatus.Open, "Open"),
        (ProposalStatus.Closed, "Closed"));

    public static Names<ProposalOutcome> ProposalOutcomes { get; } = new(
        (ProposalOutcome.Withdrawn, "Withdrawn"),
        (ProposalOutcome.Declined, "Declined"),
        (ProposalOutcome.Expired, "Expired"),
        (ProposalOutcome.HiredElsewhere, "HiredElsewhere"),
        (ProposalOutcome.Hired, "Hired"),
        (ProposalOutcome.JobCancelled, "JobCancelled"),
        (ProposalOutcome.JobRemoved, "JobRemoved"),
        (ProposalOutcome.Outbid, "Outbid"));

    /// <summary>Plans are written as one name: an account kind and a tier.</summary>
    public static Names<PlanName> Plans { get; } = new(
        (PlanName.AgencyBasic, "AgencyBasic"),
        (PlanName.AgencyPlus, "AgencyPlus"),
        (PlanName.FreelancerBasic, "FreelancerBasic"),
        (PlanName.FreelancerPlus, "FreelancerPlus"));

    public static string Of(Plan plan) => Plans.Of(PlanNames.From(plan));
}

/// <summary>The four plans, as one enum so that <see cref="Names{T}"/> can name them.</summary>
internal enum PlanName
{
    AgencyBasic,
    AgencyPlus,
    FreelancerBasic,
    FreelancerPlus,
}

internal static class PlanNames
{
    public static PlanName From(Plan plan) => (plan.Kind, plan.Tier) switch
    {
        (AccountKind.Agency, PlanTier.Basic) => PlanName.AgencyBasic,
        (AccountKind.Agency, PlanTier.Plus) => PlanName.AgencyPlus,
        (AccountKind.Freelancer, PlanTier.Basic) => PlanName.FreelancerBasic,
        (AccountKind.Freelancer, PlanTier.Plus) => PlanName.FreelancerPlus,
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "The plan has no name in the JSON contract."),
    };

    public static Plan To(PlanName name) => name switch
    {
        PlanName.AgencyBasic => Plan.AgencyBasic,
        PlanName.AgencyPlus => Plan.AgencyPlus,
        PlanName.FreelancerBasic => Plan.FreelancerBasic,
        _ => Plan.FreelancerPlus,
    };
}
