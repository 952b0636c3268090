using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>One event of every type, with every optional field of its type used at least once across them: the golden documents' events.</summary>
internal static class SampleEvents
{
    private static readonly DateTimeZone s_paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly PersonId s_olivia = Person("olivia");
    private static readonly PersonId s_bruno = Person("bruno");

    private static Money Usd(decimal amount) => Money.Create(amount, Currency.Usd).AsT0;

    /// <summary>The events, by type tag (the event type's name).</summary>
    public static IReadOnlyDictionary<string, AccountEvent> ByTag { get; } = Build();

    private static Dictionary<string, AccountEvent> Build()
    {
        // Periods of an anchor on Jan 31 in Paris under FirstOfNextMonth, written out so the documents do not follow the schedule's code.
        BillingPeriod first = BillingPeriod.Create(0, new LocalDate(2025, 1, 31), new LocalDate(2025, 3, 1), Instant.FromUtc(2025, 1, 30, 23, 0), Instant.FromUtc(2025, 2, 28, 23, 0)).AsT0;
        BillingPeriod second = BillingPeriod.Create(1, new LocalDate(2025, 3, 1), new LocalDate(2025, 4, 1), Instant.FromUtc(2025, 2, 28, 23, 0), Instant.FromUtc(2025, 3, 31, 22, 0)).AsT0;
        Instant created = Instant.FromUtc(2025, 1, 31, 8, 30);
        Instant bought = Instant.FromUtc(2025, 2, 3, 14, 5, 7).Plus(Duration.FromMilliseconds(250));
        AccountEvent[] events =
        [
            new AgencyCreated(created, Agency("acme"), s_olivia, MembershipKind.Exclusive, AccountSettings.Create(PlanCatalog.Current, s_paris, MonthEndPolicy.FirstOfNextMonth).AsT0),
            new FreelancerAccountOpened(created, Person("farah"), AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, MonthEndPolicy.ClampToMonthEnd, Duration.FromDays(7)).AsT0),
            new PlanChanged(created, Plan.AgencyBasic, Plan.AgencyPlus, PlanChangeReason.Upgrade),
            new PlanChangeScheduled(Instant.FromUtc(2025, 2, 20, 10, 0), s_olivia, PlanChangeReason.Downgrade, first.End),
            new PeriodClosed(first.End, first, new RolloverOutcome(C(5), C(40), C(160))),
            new ConnectsGranted(second.Start, C(80), Instant.FromUtc(2026, 2, 28, 23, 0), C(3)),
            new FeeCharged(second.Start, new BillLine(BillLineKind.PeriodFee, second.Start, Plan.AgencyPlus, Usd(20.00m), second)),
            new ConnectsBought(bought, s_olivia, C(40), null, Key("order-1"), new BillLine(BillLineKind.ConnectsPurchase, bought, Plan.AgencyPlus, Usd(6.00m), null, C(40), Usd(0.15m), Key("order-1"), s_olivia)),
            new ConnectsExpired(Instant.FromUtc(2025, 2, 10, 23, 0), C(12)),
            new MemberAdded(created, s_olivia, new Member(s_bruno, Permissions.Admin | Permissions.Freelancer, MembershipKind.NonExclusive, created)),
            new PermissionsChanged(bought, s_olivia, s_bruno, Permissions.BusinessManager | Permissions.Freelancer),
            new MemberRemoved(bought, s_bruno, s_bruno),
            new OwnershipTransferred(bought, s_olivia, s_bruno),
            new AgencyClosed(bought, s_bruno, C(37)),
            new ProposalSubmitted(bought, new Proposal(Proposal("job-42"), s_olivia, s_bruno, C(6), C(10), bought), Key("submit-1")),
            new ProposalOutcomeRecorded(bought, null, Proposal("job-42"), ProposalOutcome.JobCancelled, C(16), Instant.FromUtc(2026, 2, 3, 13, 5), s_bruno, s_olivia),
        ];
        var byTag = new Dictionary<string, AccountEvent>();
        foreach (AccountEvent accountEvent in events)
        {
            byTag.Add(accountEvent.GetType().Name, accountEvent);
        }

        return byTag;
    }
}
