using System;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>Accounts built through the public operations, for the pool and lifecycle tests.</summary>
internal static class Given
{
    /// <summary>The owner of the agency "acme".</summary>
    public static readonly PersonId Owner = Person("olivia");

    /// <summary>The holder of the freelancer account.</summary>
    public static readonly PersonId Holder = Person("farah");

    /// <summary>Someone who belongs to nothing.</summary>
    public static readonly PersonId Stranger = Person("mallory");

    /// <summary>When the accounts are created: 2025-01-10T09:00Z, so periods run from the 10th.</summary>
    public static readonly Instant Start = Utc(2025, 1, 10, 9);

    public static AccountSettings Settings(PlanCatalog catalog) => AccountSettings.Create(catalog, DateTimeZone.Utc).AsT0;

    public static AgencyAccount BasicAgency(AccountSettings? settings = null)
        => AgencyAccount.Create(Agency("acme"), Owner, Start, AgencyDirectory.Empty, settings).AsT0.Account;

    public static AgencyAccount PlusAgency(AccountSettings? settings = null)
        => BasicAgency(settings).UpgradeToPlus(Owner, Start).AsT0.Account;

    public static FreelancerAccount BasicFreelancer(AccountSettings? settings = null)
        => FreelancerAccount.Open(Holder, Start, settings).AsT0.Account;

    public static FreelancerAccount PlusFreelancer(AccountSettings? settings = null)
        => BasicFreelancer(settings).UpgradeToPlus(Holder, Start).AsT0.Account;

    public static AgencyAccount WithMember(this AgencyAccount agency, PersonId person, Permissions permissions, Instant at)
        => agency.AddMember(Owner, person, permissions, MembershipKind.NonExclusive, at, AgencyDirectory.Empty).AsT0.Account;

    public static Money Usd(decimal amount) => Money.Create(amount, Currency.Usd).AsT0;

    public static Instant Hours(int hours) => Start.Plus(Duration.FromHours(hours));

    /// <summary>The sum of the ledger's signed changes.</summary>
    public static long LedgerSum(this AccountHistory history) => history.Ledger.Sum(entry => entry.Delta);

    /// <summary>The Connects of all ledger entries of one kind.</summary>
    public static long Total(this AccountHistory history, LedgerEntryKind kind)
        => history.Ledger.Where(entry => entry.Kind == kind).Sum(entry => (long)entry.Quantity.Value);

    /// <summary>The ledger entries an operation's events record, in order.</summary>
    public static LedgerEntry[] Entries<TAccount>(this Updated<TAccount> change)
        where TAccount : ConnectsAccount
        => [.. change.Events.SelectMany(e => AccountHistory.LedgerEntriesOf(e))];

    /// <summary>The bill lines an operation's events record, in order.</summary>
    public static BillLine[] Lines<TAccount>(this Updated<TAccount> change)
        where TAccount : ConnectsAccount
        => [.. change.Events.Select(AccountHistory.BillLineOf).OfType<BillLine>()];

    /// <summary>
    /// An account and every event it was built from: what a host stores, so that tests can read the account's history
    /// (<see cref="AccountHistory"/>) as a host would.
    /// </summary>
    public sealed record Story<TAccount>(TAccount Account, ImmutableList<AccountEvent> Events)
        where TAccount : ConnectsAccount
    {
        public AccountHistory History => AccountHistory.Of(Events);

        public Story<TAccount> Then(Func<TAccount, Updated<TAccount>> operation)
        {
            Updated<TAccount> change = operation(Account);
            return new Story<TAccount>(change.Account, Events.AddRange(change.Events));
        }

        public static implicit operator TAccount(Story<TAccount> story) => story.Account;
    }

    public static Story<TAccount> Begin<TAccount>(Updated<TAccount> created)
        where TAccount : ConnectsAccount
        => new(created.Account, [.. created.Events]);

    public static Story<AgencyAccount> PlusAgencyStory(AccountSettings? settings = null)
        => Begin(AgencyAccount.Create(Agency("acme"), Owner, Start, AgencyDirectory.Empty, settings).AsT0).Then(a => a.UpgradeToPlus(Owner, Start).AsT0);

    public static Story<FreelancerAccount> PlusFreelancerStory(AccountSettings? settings = null)
        => Begin(FreelancerAccount.Open(Holder, Start, settings).AsT0).Then(f => f.UpgradeToPlus(Holder, Start).AsT0);
}
