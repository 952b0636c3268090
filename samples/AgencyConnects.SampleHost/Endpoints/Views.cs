using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.SampleHost.Storage;
using NodaTime;

namespace AgencyConnects.SampleHost.Endpoints;

// What the API answers: plain records of strings and numbers, built from the library's types.

public sealed record PeriodView(int Index, LocalDate StartDate, LocalDate EndDate, Instant Start, Instant End)
{
    public static PeriodView Of(BillingPeriod period) => new(period.Index, period.StartDate, period.EndDate, period.Start, period.End);
}

public sealed record MemberView(string Person, IReadOnlyList<string> Permissions, string Kind, Instant JoinedAt)
{
    public static MemberView Of(Member member) => new(member.Person.Value, Names(member.Permissions), member.Kind.ToString(), member.JoinedAt);

    public static IReadOnlyList<string> Names(Permissions permissions)
        => [.. new[] { Domain.Membership.Permissions.Admin, Domain.Membership.Permissions.BusinessManager, Domain.Membership.Permissions.Freelancer }
            .Where(p => (permissions & p) == p).Select(p => p.ToString())];
}

public sealed record AgencyView(
    string Id, string Owner, bool IsClosed, string Plan, int Balance, long Version, Instant LastChangedAt, PeriodView CurrentPeriod,
    string? PendingChange, IReadOnlyList<MemberView> Members)
{
    public static AgencyView Of(AgencyAccount agency) => new(
        agency.Id.Value, agency.Owner.Value, agency.IsClosed, agency.Plan.ToString(), agency.Balance.Value, agency.Version, agency.LastChangedAt,
        PeriodView.Of(agency.CurrentPeriod), agency.PendingChange?.Reason.ToString(), [.. agency.Members.Values.Select(MemberView.Of)]);
}

public sealed record FreelancerView(string Holder, string Plan, int Balance, long Version, Instant LastChangedAt, PeriodView CurrentPeriod, string? PendingChange)
{
    public static FreelancerView Of(FreelancerAccount account) => new(
        account.Holder.Value, account.Plan.ToString(), account.Balance.Value, account.Version, account.LastChangedAt, PeriodView.Of(account.CurrentPeriod),
        account.PendingChange?.Reason.ToString());
}

public sealed record LotView(string Source, int Quantity, Instant AcquiredAt, Instant? ExpiresAt)
{
    public static LotView Of(Lot lot) => new(lot.Source.ToString(), lot.Quantity.Value, lot.AcquiredAt, lot.ExpiresAt);
}

public sealed record ConnectsView(int Balance, IReadOnlyList<LotView> Lots)
{
    public static ConnectsView Of(ConnectsAccount account) => new(account.Balance.Value, [.. account.Pool.Lots.Select(LotView.Of)]);
}

public sealed record MoneyView(decimal Amount, string Currency);

public sealed record PurchaseView(string Request, int Quantity, MoneyView Amount, MoneyView? UnitPrice, Instant At, LotView Lot)
{
    public static PurchaseView Of<TAccount>(ConnectsPurchase<TAccount> purchase)
        where TAccount : ConnectsAccount
        => new(
            purchase.Line.Request?.Value ?? string.Empty, purchase.Line.Quantity?.Value ?? 0, Money(purchase.Line.Amount),
            purchase.Line.UnitPrice is { } unit ? Money(unit) : null, purchase.Line.At, LotView.Of(purchase.Lot));

    public static MoneyView Money(Domain.Values.Money money) => new(money.Amount, money.Currency.Code);
}

public sealed record ProposalView(
    string Id, string Submitter, string Assignee, int Cost, int Boost, Instant SubmittedAt, string Status, string? Outcome, int Refunded)
{
    public static ProposalView Of(Proposal proposal) => new(
        proposal.Id.Value, proposal.Submitter.Value, proposal.Assignee.Value, proposal.Cost.Value, proposal.Boost.Value, proposal.SubmittedAt,
        proposal.Status.ToString(), proposal.Outcome?.ToString(), proposal.Refunded.Value);
}

public sealed record LedgerEntryView(
    long Position, string Kind, int Quantity, long Delta, Instant At, string? Actor, string? Proposal, string? Member, bool IsBoost, string? Submitter)
{
    public static LedgerEntryView Of(LedgerRow row) => new(
        row.Position, row.Kind, row.Quantity, row.Delta, row.At, row.Actor, row.Proposal, row.Member, row.IsBoost, row.Submitter);
}

public sealed record LedgerPage(int Offset, int Limit, long Total, IReadOnlyList<LedgerEntryView> Entries);

public sealed record MemberUsageView(string Person, long SpentAsAssignee, long RefundedAsAssignee, long SpentAsSubmitter, long RefundedAsSubmitter);

public sealed record UsageView(Instant From, Instant To, long TotalSpent, long TotalRefunded, IReadOnlyList<MemberUsageView> Members)
{
    public static UsageView Of(UsageReport report) => new(
        report.From, report.To, report.TotalSpent, report.TotalRefunded,
        [.. report.Members.Select(m => new MemberUsageView(m.Person.Value, m.SpentAsAssignee, m.RefundedAsAssignee, m.SpentAsSubmitter, m.RefundedAsSubmitter))]);
}

public sealed record BillLineView(string Kind, Instant At, string Plan, MoneyView Amount, int? Quantity, string? Request);

public sealed record BillView(Instant From, Instant To, MoneyView Total, IReadOnlyList<BillLineView> Lines)
{
    public static BillView Of(Bill bill) => new(
        bill.From, bill.To, PurchaseView.Money(bill.Total),
        [.. bill.Lines.Select(l => new BillLineView(l.Kind.ToString(), l.At, l.Plan.ToString(), PurchaseView.Money(l.Amount), l.Quantity?.Value, l.Request?.Value))]);
}
