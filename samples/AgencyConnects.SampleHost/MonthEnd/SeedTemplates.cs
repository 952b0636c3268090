using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>
/// An agency's life, lived once through the library under placeholder identifiers (<see cref="AgencyPlaceholder"/>,
/// <see cref="OwnerPlaceholder"/>, <see cref="MemberPlaceholder"/>) and kept as the rows the host would have written
/// for it: its events, snapshot, ledger and directory facts. <see cref="Seeder"/> stamps it out under real identifiers.
/// </summary>
internal sealed class SeedTemplate
{
    public const string AgencyPlaceholder = "tpl-agency";
    public const string OwnerPlaceholder = "tpl-owner";
    public const string MemberPlaceholder = "tpl-member-";

    private static readonly string[] s_zones =
    [
        "Etc/UTC", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "America/New_York", "America/Chicago", "America/Los_Angeles",
        "America/Sao_Paulo", "Asia/Kolkata", "Asia/Manila", "Asia/Tokyo", "Australia/Sydney", "Africa/Lagos", "Pacific/Auckland",
    ];

    private static readonly int[] s_bundles = [10, 20, 40, 60, 80, 150, 300];

    private SeedTemplate(
        long version, string snapshotJson, Instant? periodEnd, Instant? closedAt, StoredEvent[] events, StoredLedgerRow[] ledger,
        (string Person, bool Exclusive)[] memberships, int members)
    {
        Version = version;
        SnapshotJson = snapshotJson;
        PeriodEnd = periodEnd;
        ClosedAt = closedAt;
        Events = events;
        Ledger = ledger;
        Memberships = memberships;
        Members = members;
    }

    /// <summary>The start of January 2025, when most templates are created (a tenth in the eleven months before).</summary>
    public static Instant Start { get; } = Instant.FromUtc(2025, 1, 1, 0, 0);

    /// <summary>No template does anything after it: each one's current period contains an instant no later, so it ends by 10 March 2025.</summary>
    public static Instant LastActivity { get; } = Instant.FromUtc(2025, 2, 10, 0, 0);

    public long Version { get; }

    public string SnapshotJson { get; }

    /// <summary>The end of the current period, or null for a closed agency.</summary>
    public Instant? PeriodEnd { get; }

    public Instant? ClosedAt { get; }

    public StoredEvent[] Events { get; }

    public StoredLedgerRow[] Ledger { get; }

    /// <summary>The memberships rows after the last event (placeholder persons).</summary>
    public (string Person, bool Exclusive)[] Memberships { get; }

    /// <summary>How many members besides the owner were ever added (placeholders <c>tpl-member-1</c> to <c>-n</c>).</summary>
    public int Members { get; }

    /// <summary>
    /// Builds one template: a random plan (about 60 % Agency Plus, 2 % closed, the rest Agency Basic; a tenth of Plus
    /// agencies with a downgrade pending), catalog (Classic, a fifth on Current), time zone, creation instant (in January
    /// 2025, or for a tenth of them in the eleven months before, brought up to date by a month end between 15 January and
    /// 10 February 2025, so that Current's one-year lots start to expire), purchases, members and proposals, each through
    /// the library's operations. Nothing happens after <see cref="LastActivity"/>, so every open agency is due by
    /// <see cref="Seeder.DemoAt"/>.
    /// </summary>
    public static SeedTemplate Build(Random random, AccountEventJson json)
    {
        PersonId owner = PersonId.Create(OwnerPlaceholder).AsT0;
        AgencyId id = AgencyId.Create(AgencyPlaceholder).AsT0;
        PlanCatalog catalog = random.Next(5) == 0 ? PlanCatalog.Current : PlanCatalog.Classic;
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[s_zones[random.Next(s_zones.Length)]];
        AccountSettings settings = AccountSettings.Create(catalog, zone).AsT0;
        bool yearOld = random.Next(10) == 0;
        Instant at = yearOld
            ? Start - Duration.FromMinutes(random.Next(31 * 24 * 60, 335 * 24 * 60))
            : Start + Duration.FromMinutes(random.Next(0, 31 * 24 * 60));
        AgencyDirectory directory = AgencyDirectory.Empty;
        var events = new List<AccountEvent>();

        Updated<AgencyAccount> created = AgencyAccount.Create(id, owner, at, directory, settings).SuccessOrThrow();
        AgencyAccount account = Take(created.Account, created.Events);
        int roll = random.Next(100);
        int members = 0;
        if (roll < 2)
        {
            account = TakeUpdated(account.Close(owner, Next()).SuccessOrThrow());
        }
        else if (roll < 62)
        {
            account = TakeUpdated(account.UpgradeToPlus(owner, Next()).SuccessOrThrow());
            for (int k = random.Next(3); k > 0; k--)
            {
                int quantity = catalog == PlanCatalog.Current ? s_bundles[random.Next(s_bundles.Length)] : random.Next(5, 61);
                if (account.BuyConnects(owner, Connects.Create(quantity).AsT0, RequestKey.Create($"order-{k}").AsT0, Next())
                    .TryGetSuccess(out ConnectsPurchase<AgencyAccount>? bought, out _))
                {
                    account = Take(bought.Account, bought.Events);
                }
            }

            for (int k = random.Next(3); k > 0; k--)
            {
                members++;
                MembershipKind kind = random.Next(4) == 0 ? MembershipKind.Exclusive : MembershipKind.NonExclusive;
                account = TakeUpdated(account.AddMember(
                    owner, PersonId.Create(MemberPlaceholder + members.ToString(System.Globalization.CultureInfo.InvariantCulture)).AsT0,
                    Permissions.Freelancer, kind, Next(), directory).SuccessOrThrow());
            }

            PersonId[] assignees = [.. account.Members.Keys];
            int maxCost = catalog == PlanCatalog.Current ? 16 : 6;
            for (int k = random.Next(5); k > 0; k--)
            {
                if (account.SubmitProposal(
                        owner, assignees[random.Next(assignees.Length)], ProposalId.Create($"job-{k}").AsT0, Connects.Create(random.Next(1, maxCost + 1)).AsT0,
                        Connects.Zero, RequestKey.Create($"proposal-{k}").AsT0, Next())
                    .TryGetSuccess(out ProposalSubmission<AgencyAccount>? submitted, out _))
                {
                    account = Take(submitted.Account, submitted.Events);
                }
            }

            if (random.Next(10) == 0)
            {
                account = TakeUpdated(account.DowngradeToBasic(owner, Next()).SuccessOrThrow());
            }
        }

        if (yearOld && !account.IsClosed)
        {
            // The month ends the host ran since: every period up to a run between 15 January and 10 February 2025.
            Instant run = Instant.Max(at, Instant.Min(LastActivity, Instant.FromUtc(2025, 1, 15, 0, 0) + Duration.FromMinutes(random.Next(0, 26 * 24 * 60))));
            account = TakeUpdated(account.CloseElapsedPeriods(run).SuccessOrThrow());
        }

        // The directory's facts, as AccountStore keeps them from the events.
        var memberships = new List<(string Person, bool Exclusive)>();
        Instant? closedAt = null;
        foreach (AccountEvent accountEvent in events)
        {
            switch (accountEvent)
            {
                case AgencyCreated c: memberships.Add((c.Owner.Value, c.OwnerMembership == MembershipKind.Exclusive)); break;
                case MemberAdded a: memberships.Add((a.Member.Person.Value, a.Member.Kind == MembershipKind.Exclusive)); break;
                case MemberRemoved r: memberships.RemoveAll(m => m.Person == r.Person.Value); break;
                case AgencyClosed c: closedAt = c.At; memberships.RemoveAll(m => m.Person == c.Owner.Value); break;
                default: break;
            }
        }

        StoredLedgerRow[] ledger =
        [
            .. events.SelectMany(e => AccountHistory.LedgerEntriesOf(e)).Select(StoredLedgerRow.Of),
        ];
        return new SeedTemplate(
            account.Version, json.WriteSnapshot(account.ToSnapshot()), account.IsClosed ? null : account.CurrentPeriod.End, closedAt,
            [.. events.Select(e => new StoredEvent(e.GetType().Name, json.Write(e), e.At))], ledger, [.. memberships], members);

        Instant Next() => at = Instant.Max(at, Instant.Min(LastActivity, at + Duration.FromMinutes(random.Next(1, 4 * 24 * 60))));

        AgencyAccount Take(AgencyAccount after, ImmutableArray<AccountEvent> caused)
        {
            events.AddRange(caused);
            directory = directory.Apply(new Updated<AgencyAccount>(after, caused));
            return after;
        }

        AgencyAccount TakeUpdated(Updated<AgencyAccount> updated) => Take(updated.Account, updated.Events);
    }
}
