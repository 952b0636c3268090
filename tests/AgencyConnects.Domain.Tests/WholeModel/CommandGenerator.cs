using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>
/// A small deterministic random source (SplitMix64) seeded by FsCheck, so that a failing run replays from FsCheck's
/// seed. Commands are built from the model with it; their arguments are mostly relevant (members, existing proposals)
/// and sometimes not (strangers, unknown proposals, stale instants, huge quantities), so that every error is reached.
/// </summary>
internal sealed class Dice(int seed)
{
    private ulong _state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;

    public int Below(int bound)
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        ulong z = _state;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z % (ulong)bound);
    }

    public int Between(int low, int high) => low + Below(high - low + 1);

    public bool Chance(int percent) => Below(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    public T Weighted<T>(params (int Weight, T Value)[] options)
    {
        int roll = Below(options.Sum(o => o.Weight));
        foreach ((int weight, T value) in options)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Unreachable.");
    }
}

/// <summary>Builds the next command of a run from the model: every kind of command, over two to four agencies and five people.</summary>
[SuppressMessage("Performance", "CA1859", Justification = "The builders are chosen among through one delegate type, which returns a Command.")]
internal static class CommandGenerator
{
    public static readonly ImmutableArray<PersonId> People = [.. new[] { "ana", "ben", "cy", "dee", "eli" }.Select(TestData.Person)];

    public static readonly ImmutableArray<AgencyId> AgencyIds = [.. new[] { "north", "south", "east", "west" }.Select(TestData.Agency)];

    private static readonly ProposalOutcome[] s_outcomes = Enum.GetValues<ProposalOutcome>();

    public static Command Next(Model m, Dice d)
    {
        var agencies = m.Agencies.Values.OrderBy(a => a.Id).ToList();
        var open = agencies.Where(a => !a.Closed).ToList();
        Func<Model, Dice, Command?> make = d.Weighted<Func<Model, Dice, Command?>>(
            (open.Count == 0 ? 12 : 3, CreateAgency),
            (2, OpenFreelancerAccount),
            (open.Exists(a => a.Account.Tier == PlanTier.Basic) ? 10 : 4, Upgrade),
            (3, Downgrade),
            (2, FailPayment),
            (10, AddMember),
            (4, RemoveMember),
            (4, ChangePermissions),
            (3, TransferOwnership),
            (1, CloseAgency),
            (8, Buy),
            (14, SubmitForAgency),
            (6, SubmitOwn),
            (4, Withdraw),
            (8, RecordOutcome),
            (6, PassTime),
            (4, CloseElapsedPeriods),
            (4, RepeatRequest),
            (2, VaryRequest));
        return make(m, d) ?? PassTime(m, d)!;
    }

    /// <summary>Now, or now and then an instant before it (a stale request; before the last change it is refused).</summary>
    private static Instant At(Model m, Dice d) => d.Chance(6)
        ? m.Now - d.Weighted((1, Duration.Epsilon), (2, Duration.FromMinutes(d.Between(1, 600))), (1, Duration.FromDays(d.Between(1, 10))))
        : m.Now;

    private static PersonId Person(Dice d) => d.Chance(1) ? default : d.Pick(People);

    private static PersonId Actor(AgencyM agency, Dice d) => d.Weighted(
        (4, agency.Owner),
        (4, d.Pick(agency.Members.Keys.OrderBy(p => p).ToList())),
        (2, Person(d)));

    /// <summary>Any combination of the three permissions, now and then with a bit no permission defines.</summary>
    private static Permissions AnyPermissions(Dice d)
        => (Permissions)(d.Below(8) | (d.Chance(50) ? (int)Permissions.Freelancer : 0) | (d.Chance(3) ? 8 << d.Below(28) : 0));

    private static AgencyM? AnyAgency(Model m, Dice d, int openPercent = 90)
    {
        var all = m.Agencies.Values.OrderBy(a => a.Id).ToList();
        var open = all.Where(a => !a.Closed).ToList();
        return open.Count > 0 && d.Chance(openPercent) ? d.Pick(open) : all.Count > 0 ? d.Pick(all) : null;
    }

    private static AccountRef? AnyAccount(Model m, Dice d)
    {
        AgencyM? agency = AnyAgency(m, d);
        var holders = m.Freelancers.Keys.OrderBy(p => p).ToList();
        return agency is not null && (holders.Count == 0 || d.Chance(65))
            ? AccountRef.Of(agency.Id)
            : holders.Count > 0 ? AccountRef.Of(d.Pick(holders)) : null;
    }

    private static PersonId ActorFor(Model m, AccountRef account, Dice d)
        => account.Agency is { } id ? Actor(m.Agencies[id], d) : d.Chance(90) ? account.Holder!.Value : Person(d);

    private static AccountM AccountOf(Model m, AccountRef account)
        => account.Agency is { } id ? m.Agencies[id].Account : m.Freelancers[account.Holder!.Value];

    private static RequestKey Key(Model m, Dice d, int reusePercent)
    {
        var used = m.Issued.Select(c => ((IRequestCommand)c).Key).Distinct().OrderBy(k => k).ToList();
        return used.Count > 0 && d.Chance(reusePercent) ? d.Pick(used) : TestData.Key("k" + m.Counter);
    }

    private static ProposalId Proposal(Model m, AccountM account, Dice d)
    {
        var known = account.Proposals.Keys.OrderBy(p => p).ToList();
        return known.Count > 0 && d.Chance(15) ? d.Pick(known) : TestData.Proposal("q" + m.Counter);
    }

    private static int Cost(Model m, Dice d)
    {
        int max = m.Settings.Terms(AccountKind.Agency, PlanTier.Plus).MaxCost;
        return d.Weighted((2, 0), (16, d.Between(1, max)), (2, max), (1, max + 1));
    }

    private static int Boost(Model m, Dice d)
    {
        int max = m.Settings.Terms(AccountKind.Agency, PlanTier.Plus).MaxBoost;
        return d.Weighted((12, 0), (7, d.Between(1, max)), (1, max + d.Between(1, 100)));
    }

    private static Command CreateAgency(Model m, Dice d)
        => new CreateAgency(At(m, d), d.Chance(1) ? default : d.Pick(CommandGenerator.AgencyIds), Person(d), d.Chance(20) ? MembershipKind.Exclusive : MembershipKind.NonExclusive);

    private static Command? OpenFreelancerAccount(Model m, Dice d)
    {
        var without = People.Where(p => !m.Freelancers.ContainsKey(p)).ToList();
        return without.Count == 0 ? null : new OpenFreelancerAccount(At(m, d), d.Pick(without));
    }

    private static Command? Upgrade(Model m, Dice d)
    {
        var basic = m.Agencies.Values.Where(a => !a.Closed && a.Account.Tier == PlanTier.Basic).OrderBy(a => a.Id).ToList();
        AccountRef? account = basic.Count > 0 && d.Chance(60) ? AccountRef.Of(d.Pick(basic).Id) : AnyAccount(m, d);
        return account is { } target ? new Upgrade(At(m, d), target, d.Chance(60) ? OwnerOrHolder(m, target) : ActorFor(m, target, d)) : null;
    }

    private static PersonId OwnerOrHolder(Model m, AccountRef account) => account.Agency is { } id ? m.Agencies[id].Owner : account.Holder!.Value;

    private static Command? Downgrade(Model m, Dice d)
        => AnyAccount(m, d) is { } account
            ? new Downgrade(At(m, d), account, ActorFor(m, account, d), d.Chance(50) ? PlanChangeReason.Downgrade : PlanChangeReason.Cancel)
            : null;

    private static Command? FailPayment(Model m, Dice d) => AnyAccount(m, d) is { } account ? new FailPayment(At(m, d), account) : null;

    private static Command? CloseElapsedPeriods(Model m, Dice d) => AnyAccount(m, d) is { } account ? new CloseElapsedPeriods(At(m, d), account) : null;

    private static Command? AddMember(Model m, Dice d)
    {
        if (AnyAgency(m, d) is not { } agency)
        {
            return null;
        }

        var strangers = People.Where(p => !agency.Members.ContainsKey(p)).ToList();
        PersonId person = strangers.Count > 0 && d.Chance(75) ? d.Pick(strangers) : Person(d);
        return new AddMember(At(m, d), agency.Id, Actor(agency, d), person, AnyPermissions(d), d.Chance(25) ? MembershipKind.Exclusive : MembershipKind.NonExclusive);
    }

    private static Command? RemoveMember(Model m, Dice d)
    {
        if (AnyAgency(m, d) is not { } agency)
        {
            return null;
        }

        PersonId person = d.Chance(75) ? d.Pick(agency.Members.Keys.OrderBy(p => p).ToList()) : Person(d);
        return new RemoveMember(At(m, d), agency.Id, d.Chance(25) ? person : Actor(agency, d), person);
    }

    private static Command? ChangePermissions(Model m, Dice d)
    {
        if (AnyAgency(m, d) is not { } agency)
        {
            return null;
        }

        PersonId person = d.Chance(80) ? d.Pick(agency.Members.Keys.OrderBy(p => p).ToList()) : Person(d);
        return new ChangePermissions(At(m, d), agency.Id, Actor(agency, d), person, AnyPermissions(d));
    }

    private static Command? TransferOwnership(Model m, Dice d)
    {
        if (AnyAgency(m, d) is not { } agency)
        {
            return null;
        }

        PersonId newOwner = d.Chance(75) ? d.Pick(agency.Members.Keys.OrderBy(p => p).ToList()) : Person(d);
        return new TransferOwnership(At(m, d), agency.Id, d.Chance(80) ? agency.Owner : Actor(agency, d), newOwner);
    }

    private static Command? CloseAgency(Model m, Dice d)
        => AnyAgency(m, d) is { } agency ? new CloseAgency(At(m, d), agency.Id, d.Chance(85) ? agency.Owner : Actor(agency, d)) : null;

    private static Command? Buy(Model m, Dice d)
    {
        if (AnyAccount(m, d) is not { } account)
        {
            return null;
        }

        ModelTerms plus = m.Settings.Terms(AccountKind.Agency, PlanTier.Plus);
        long balance = AccountOf(m, account).Balance;
        int quantity = d.Weighted(
            (16, plus.Bundles.IsEmpty ? d.Between(1, 200) : d.Pick(plus.Bundles)),
            (2, d.Between(1, 400)),
            (1, 0),
            (1, d.Between(1_000, 1_000_000)),
            (1, (int)Math.Max(1, int.MaxValue - balance - d.Between(0, 1))),
            (1, int.MaxValue));
        return new BuyConnects(At(m, d), account, ActorFor(m, account, d), Connects.Create(quantity).AsT0, Key(m, d, 20));
    }

    private static Command? SubmitForAgency(Model m, Dice d)
    {
        if (AnyAgency(m, d) is not { } agency)
        {
            return null;
        }

        PersonId submitter = Actor(agency, d);
        PersonId assignee = d.Weighted((5, submitter), (4, d.Pick(agency.Members.Keys.OrderBy(p => p).ToList())), (1, Person(d)));
        return new SubmitAgencyProposal(At(m, d), agency.Id, submitter, assignee, Proposal(m, agency.Account, d), Cost(m, d), Boost(m, d), Key(m, d, 15));
    }

    private static Command? SubmitOwn(Model m, Dice d)
    {
        var holders = m.Freelancers.Keys.OrderBy(p => p).ToList();
        if (holders.Count == 0)
        {
            return null;
        }

        PersonId holder = d.Pick(holders);
        return new SubmitOwnProposal(
            At(m, d), holder, d.Chance(90) ? holder : Person(d), Proposal(m, m.Freelancers[holder], d), Cost(m, d), Boost(m, d), Key(m, d, 15));
    }

    private static Command? Withdraw(Model m, Dice d)
    {
        var withProposals = m.Agencies.Values.Where(a => !a.Account.Proposals.IsEmpty).OrderBy(a => a.Id).ToList();
        if (withProposals.Count == 0)
        {
            return null;
        }

        AgencyM agency = d.Pick(withProposals);
        var ids = agency.Account.Proposals.Keys.OrderBy(p => p).ToList();
        ProposalId id = d.Chance(90) ? d.Pick(ids) : TestData.Proposal("q" + m.Counter);
        PersonId actor = agency.Account.Proposals.TryGetValue(id, out ProposalM? proposal) && d.Chance(40)
            ? (d.Chance(50) ? proposal.Submitter : proposal.Assignee)
            : Actor(agency, d);
        return new Withdraw(At(m, d), agency.Id, actor, id);
    }

    private static Command? RecordOutcome(Model m, Dice d)
    {
        var accounts = m.Agencies.Values.Where(a => !a.Account.Proposals.IsEmpty).OrderBy(a => a.Id).Select(a => AccountRef.Of(a.Id))
            .Concat(m.Freelancers.Where(f => !f.Value.Proposals.IsEmpty).OrderBy(f => f.Key).Select(f => AccountRef.Of(f.Key)))
            .ToList();
        if (accounts.Count == 0)
        {
            return null;
        }

        AccountRef account = d.Pick(accounts);
        var proposals = AccountOf(m, account).Proposals;
        var ids = proposals.Keys.OrderBy(p => p).ToList();
        var open = ids.Where(id => proposals[id].IsOpen).ToList();
        ProposalId id = open.Count > 0 && d.Chance(75) ? d.Pick(open) : d.Chance(92) ? d.Pick(ids) : TestData.Proposal("q" + m.Counter);
        ProposalOutcome outcome = d.Weighted((3, ProposalOutcome.Outbid), (3, ProposalOutcome.JobCancelled), (1, ProposalOutcome.JobRemoved), (4, d.Pick(s_outcomes)));
        return new RecordOutcome(At(m, d), account, id, outcome);
    }

    /// <summary>Minutes to about 70 days, or exactly to (or a nanosecond around) the end of some account's period.</summary>
    private static Command? PassTime(Model m, Dice d)
    {
        Duration step = d.Weighted(
            (4, Duration.FromMinutes(d.Between(1, 600))),
            (3, Duration.FromHours(d.Between(1, 72))),
            (3, Duration.FromDays(d.Between(1, 70)) + Duration.FromMinutes(d.Between(0, 1440))),
            (1, Duration.FromDays(d.Between(200, 400))),
            (2, Duration.Zero));
        if (step == Duration.Zero && AnyAccount(m, d) is { } account)
        {
            // The end of the account's period, or the next expiry of one of its lots: where the month-end rule turns.
            AccountM current = AccountOf(m, account).AdvanceTo(m.Now, m.Settings);
            Instant? expiry = current.Lots.Where(l => l.Expires > m.Now).Select(l => l.Expires).Min();
            Instant target = expiry is { } soonest && d.Chance(50) ? soonest : current.Period.End;
            Instant end = target + d.Pick(new[] { -Duration.Epsilon, Duration.Zero, Duration.Zero, Duration.Epsilon });
            if (end > m.Now)
            {
                return new PassTime(end);
            }
        }

        return new PassTime(m.Now + (step == Duration.Zero ? Duration.FromMinutes(d.Between(1, 600)) : step));
    }

    /// <summary>An earlier purchase or submission under the same key with one thing changed: a different request, so a conflict once the key is taken.</summary>
    private static Command? VaryRequest(Model m, Dice d)
    {
        if (m.Issued.Count == 0)
        {
            return null;
        }

        Instant at = At(m, d);
        return d.Pick(m.Issued) switch
        {
            BuyConnects buy => d.Chance(50)
                ? buy with { At = at, Actor = d.Pick(People) }
                : buy with { At = at, Quantity = Connects.Create(buy.Quantity.Value == int.MaxValue ? 1 : buy.Quantity.Value + 1).AsT0 },
            SubmitAgencyProposal submit => d.Below(5) switch
            {
                0 => submit with { At = at, Submitter = d.Pick(People) },
                1 => submit with { At = at, Assignee = d.Pick(People) },
                2 => submit with { At = at, Proposal = TestData.Proposal("q" + m.Counter) },
                3 => submit with { At = at, Cost = (submit.Cost + 1) % 7 },
                _ => submit with { At = at, Boost = submit.Boost + 1 },
            },
            SubmitOwnProposal own => d.Below(3) switch
            {
                0 => own with { At = at, Proposal = TestData.Proposal("q" + m.Counter) },
                1 => own with { At = at, Cost = (own.Cost + 1) % 7 },
                _ => own with { At = at, Boost = own.Boost + 1 },
            },
            _ => null,
        };
    }

    /// <summary>An earlier purchase or submission, repeated exactly: the same request under the same key, now.</summary>
    private static Command? RepeatRequest(Model m, Dice d)
        => m.Issued.Count == 0 ? null : ((IRequestCommand)d.Pick(m.Issued)).At(At(m, d));
}
