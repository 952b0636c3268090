using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// An agency's account: its membership, plan, shared pool of Connects, bills and proposals, one consistency boundary
/// (DOMAIN §8). Immutable: every operation takes the acting person and the current <see cref="Instant"/> and returns
/// either the new account with the events it caused, or a named error, in which case nothing changed.
/// </summary>
/// <remarks>
/// Every operation first brings the account up to its instant: lots that expired are removed and every billing
/// period that ended is closed, each as if on time (<see cref="CloseElapsedPeriods"/>); those events come first in
/// the result.
/// <para>Every operation refuses, with one of the <see cref="InvalidArgument"/> cases, an argument no valid call
/// passes: an instant before <see cref="ConnectsAccount.LastChangedAt"/> (<see cref="InstantBeforeLastChange"/>) or
/// one the account cannot represent (<see cref="InstantOutOfRange"/>), a <c>default</c> identifier the operation
/// would record, such as a request key, a new proposal or a new member (<see cref="DefaultValue"/>), an undefined
/// enum value or permission bit (<see cref="UndefinedValue"/>). The instant is checked first (after a closed agency
/// and, for purchases and submissions, a repeated request key, which returns the first outcome), then the other
/// arguments in the order of the parameters. A <c>default</c> identifier an operation only looks up (an actor, a
/// member, a proposal acted on) names no one, and gets the error of an unknown one (<see cref="NotAuthorized"/>,
/// <see cref="NotAMember"/>, <see cref="ProposalNotFound"/>). No operation throws but for a
/// null reference argument (<see cref="ArgumentNullException"/>), and a refused one changes nothing.</para>
/// </remarks>
public sealed partial class AgencyAccount : ConnectsAccount
{
    private readonly OrderedMap<PersonId, Member> _members;

    private AgencyAccount(AgencyId id, PersonId owner, OrderedMap<PersonId, Member> members, bool isClosed, AccountState state)
        : base(state)
    {
        Id = id;
        Owner = owner;
        _members = members;
        IsClosed = isClosed;
    }

    /// <summary>The agency.</summary>
    public AgencyId Id { get; }

    /// <summary>The owner: exactly one, a member holding every permission.</summary>
    public PersonId Owner { get; }

    /// <summary>The current members, the owner included, by person; enumerated in the order they joined (the first owner first).</summary>
    public IReadOnlyDictionary<PersonId, Member> Members => _members;

    /// <summary>Whether the agency was closed; a closed agency accepts no operation.</summary>
    public bool IsClosed { get; }

    /// <summary>The number of open proposals assigned to <paramref name="person"/>: while it is above zero, they cannot be removed.</summary>
    /// <param name="person">The member.</param>
    /// <returns>The count.</returns>
    public int OpenProposalsAssignedTo(PersonId person) => State.OpenProposalsOf(person);

    /// <summary>
    /// Creates an agency owned by <paramref name="owner"/>, on Agency Basic, billed from the local date of <paramref name="at"/>.
    /// </summary>
    /// <param name="id">The agency, not yet in <paramref name="directory"/>.</param>
    /// <param name="owner">The owner, who must own no other open agency.</param>
    /// <param name="at">Now.</param>
    /// <param name="directory">The cross-agency facts; apply the result's events to it afterwards.</param>
    /// <param name="settings">How the account is billed; <see cref="AccountSettings.Default"/> when null.</param>
    /// <param name="ownerMembership">Whether the owner works through this agency only.</param>
    /// <returns>
    /// The new agency, or: <see cref="InvalidArgument"/>, which is <see cref="DefaultValue"/> for a <c>default</c>
    /// <paramref name="id"/> (<c>AgencyId</c>) or <paramref name="owner"/> (<c>PersonId</c>), or
    /// <see cref="UndefinedValue"/> when <paramref name="ownerMembership"/> is not a named <see cref="MembershipKind"/>
    /// (checked in that order, first); <see cref="AgencyAlreadyExists"/>; <see cref="OwnsAnotherAgency"/> (a person owns
    /// at most one open agency); <see cref="ExclusivityConflict"/> when the owner is an exclusive member elsewhere, or is
    /// to be exclusive here while belonging elsewhere; <see cref="AnchorOutOfRange"/> when <paramref name="at"/> is
    /// outside the dates billing supports.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is null.</exception>
    public static OneOf<Updated<AgencyAccount>, InvalidArgument, AgencyAlreadyExists, OwnsAnotherAgency, ExclusivityConflict, AnchorOutOfRange> Create(
        AgencyId id, PersonId owner, Instant at, AgencyDirectory directory, AccountSettings? settings = null, MembershipKind ownerMembership = MembershipKind.NonExclusive)
    {
        Guard.NotNull(directory);
        settings ??= AccountSettings.Default;
        if (id.IsEmpty)
        {
            return new DefaultValue(nameof(id), nameof(AgencyId));
        }

        if (owner.IsEmpty)
        {
            return new DefaultValue(nameof(owner), nameof(PersonId));
        }

        if (CheckKind(ownerMembership, nameof(ownerMembership)) is { } undefined)
        {
            return undefined;
        }

        if (directory.Contains(id))
        {
            return new AgencyAlreadyExists(id);
        }

        if (directory.AgencyOwnedBy(owner) is { } owned)
        {
            return new OwnsAnotherAgency(owner, owned);
        }

        if (directory.CheckJoin(owner, id, ownerMembership) is { } conflict)
        {
            return conflict;
        }

        if (AccountState.CheckAnchor(at, settings) is { } outOfRange)
        {
            return outOfRange;
        }

        var created = new AgencyCreated(at, id, owner, ownerMembership, settings);
        var events = new List<AccountEvent> { created };
        AgencyAccount agency = FromCreated(created);
        return agency.With(agency.State.StartPeriod(at, events)).Done(events);
    }

    /// <summary>Rebuilds an agency from its events, the first being <see cref="AgencyCreated"/>.</summary>
    /// <param name="events">Every event of the agency, in order.</param>
    /// <returns>The agency, equal in every observable way to the live one.</returns>
    /// <remarks>
    /// Replay trusts its events: they are the ones this library's operations returned, stored by the host. A stream
    /// that does not start with <see cref="AgencyCreated"/> throws; events of another account, out of order or edited
    /// are not detected and may throw (<see cref="ArgumentException"/>, <see cref="KeyNotFoundException"/>) or give a
    /// wrong account. Only the operations validate input, and they never throw for it.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">The events do not start with <see cref="AgencyCreated"/>.</exception>
    public static AgencyAccount Replay(IEnumerable<AccountEvent> events)
    {
        Guard.NotNull(events);
        using IEnumerator<AccountEvent> enumerator = events.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            throw new ArgumentException("There are no events.", nameof(events));
        }

        if (enumerator.Current is not AgencyCreated created)
        {
            throw new ArgumentException("The first event must be AgencyCreated.", nameof(events));
        }

        AgencyAccount agency = FromCreated(created);
        return enumerator.MoveNext() ? agency.ApplyAll(enumerator) : agency;
    }

    /// <inheritdoc/>
    public override AccountSnapshot ToSnapshot() => State.ToSnapshot(AccountKind.Agency, Id, Owner, IsClosed, [.. _members.Values]);

    /// <summary>
    /// Loads an agency from its latest snapshot and the events recorded after it (DOMAIN §9): the result equals the
    /// agency that recorded them. The snapshot's catalog and time zone are resolved by name.
    /// </summary>
    /// <param name="snapshot">The snapshot, as <see cref="ToSnapshot"/> gave it (or as read back from storage).</param>
    /// <param name="eventsAfter">The events after the snapshot's version, in order; trusted as <see cref="Replay"/> trusts its events.</param>
    /// <param name="catalogs">The catalogs the host knows; <see cref="PlanCatalogRegistry.Default"/> when null.</param>
    /// <param name="zones">The time zones the host knows; NodaTime's TZDB provider when null.</param>
    /// <returns>
    /// The agency, or <see cref="UnknownCatalog"/>, <see cref="UnknownTimeZone"/>, or <see cref="InvalidSnapshot"/> for a
    /// snapshot no agency could have produced (another kind of account, a plan of another kind, a period outside the
    /// schedule, lots that are empty, out of spend order or more than a pool holds, an owner who is not a member
    /// holding every permission, a member or open proposal twice, a request that records nothing).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> or <paramref name="eventsAfter"/> is null.</exception>
    public static OneOf<AgencyAccount, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> Load(
        AccountSnapshot snapshot, IEnumerable<AccountEvent> eventsAfter, PlanCatalogRegistry? catalogs = null, IDateTimeZoneProvider? zones = null)
    {
        Guard.NotNull(snapshot);
        Guard.NotNull(eventsAfter);
        var loaded = AccountState.FromSnapshot(snapshot, AccountKind.Agency, catalogs ?? PlanCatalogRegistry.Default, zones ?? DateTimeZoneProviders.Tzdb);
        if (!loaded.TryPickT0(out AccountState state, out var error))
        {
            return error.Match<OneOf<AgencyAccount, UnknownCatalog, UnknownTimeZone, InvalidSnapshot>>(c => c, z => z, s => s);
        }

        if (snapshot.Agency is not { IsEmpty: false } id)
        {
            return new InvalidSnapshot(nameof(snapshot.Agency), "an agency snapshot names no agency");
        }

        var edit = new EditToken(); // the members are built in place, and handed out with the agency
        var members = OrderedMap<PersonId, Member>.Empty;
        foreach (Member member in snapshot.Members.IsDefault ? [] : snapshot.Members)
        {
            if (member is null || member.Person.IsEmpty || members.ContainsKey(member.Person) || (member.Permissions & ~Permissions.All) != 0
                || member.Kind is not (MembershipKind.NonExclusive or MembershipKind.Exclusive))
            {
                return new InvalidSnapshot(nameof(snapshot.Members), $"{member?.Person.ToString() ?? "null"} is not a valid member, or is there twice");
            }

            members = members.Add(member.Person, member, edit);
        }

        if (!members.TryGetValue(snapshot.Principal, out Member? owner) || owner.Permissions != Permissions.All)
        {
            return new InvalidSnapshot(nameof(snapshot.Principal), $"the owner {snapshot.Principal} is not a member holding every permission");
        }

        if (snapshot.IsClosed && (!snapshot.Lots.IsEmpty || state.Proposals.Count != 0 || members.Count != 1))
        {
            return new InvalidSnapshot(nameof(snapshot.IsClosed), "a closed agency holds Connects, open proposals or members besides its owner");
        }

        AgencyAccount agency = new(id, snapshot.Principal, members, snapshot.IsClosed, state);
        using IEnumerator<AccountEvent> enumerator = eventsAfter.GetEnumerator();
        return enumerator.MoveNext() ? agency.ApplyAll(enumerator) : agency;
    }

    /// <summary>Applies one event: the one place an agency's state changes.</summary>
    /// <param name="accountEvent">An event of this agency, later than <see cref="AgencyCreated"/>.</param>
    /// <returns>The agency after the event.</returns>
    /// <remarks>Like <see cref="Replay"/>, trusts the event to be this agency's next one.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is not one an existing agency can apply.</exception>
    public AgencyAccount Apply(AccountEvent accountEvent)
    {
        Guard.NotNull(accountEvent);
        var state = new AccountState.Builder(State, edit: null);
        var identity = new Identity(Owner, _members, IsClosed);
        identity.Apply(accountEvent, state);
        return new AgencyAccount(Id, identity.Owner, identity.Members, identity.IsClosed, state.ToState());
    }

    /// <summary>
    /// Applies the events from the enumerator's current one on, through one transient builder: what applying them one
    /// by one gives (the same code runs), without an account per event in between.
    /// </summary>
    private AgencyAccount ApplyAll(IEnumerator<AccountEvent> events)
    {
        var state = new AccountState.Builder(State, transient: true);
        var identity = new Identity(Owner, _members, IsClosed);
        do
        {
            AccountEvent accountEvent = events.Current;
            Guard.NotNull(accountEvent);
            identity.Apply(accountEvent, state);
        }
        while (events.MoveNext());

        // The members are frozen with the state: ToState drops the token both were built under.
        OrderedMap<PersonId, Member> members = identity.Members;
        return new AgencyAccount(Id, identity.Owner, members, identity.IsClosed, state.ToState());
    }

    private static AgencyAccount FromCreated(AgencyCreated created)
    {
        var owner = new Member(created.Owner, Permissions.All, created.OwnerMembership, created.At);
        return new AgencyAccount(
            created.Agency,
            created.Owner,
            OrderedMap<PersonId, Member>.Empty.Add(created.Owner, owner),
            isClosed: false,
            AccountState.Open(created.At, AccountKind.Agency, created.Settings));
    }

    private static UndefinedValue? CheckKind(MembershipKind kind, string parameter)
        => kind is MembershipKind.NonExclusive or MembershipKind.Exclusive ? null : new UndefinedValue(parameter, nameof(MembershipKind), (long)kind);

    private bool Holds(PersonId person, Permissions permissions)
        => Members.TryGetValue(person, out Member? member) && member.Holds(permissions);

    private AgencyAccount Advance(Instant at, List<AccountEvent> events) => With(State.AdvanceTo(at, events));

    private AgencyAccount With(AccountState state) => new(Id, Owner, _members, IsClosed, state);

    private AgencyAccount Record(AccountEvent accountEvent, List<AccountEvent> events)
    {
        events.Add(accountEvent);
        return Apply(accountEvent);
    }

    private Updated<AgencyAccount> Done(List<AccountEvent> events) => new(this, [.. events]);

    /// <summary>What an agency adds to the state, while events are applied: the owner, the members, whether it closed.</summary>
    private struct Identity(PersonId owner, OrderedMap<PersonId, Member> members, bool isClosed)
    {
        public PersonId Owner { get; private set; } = owner;

        public OrderedMap<PersonId, Member> Members { get; private set; } = members;

        public bool IsClosed { get; private set; } = isClosed;

        /// <summary>Applies one event to the state and to the agency's own part: the one place an agency changes.</summary>
        public void Apply(AccountEvent accountEvent, AccountState.Builder state)
        {
            state.Apply(accountEvent);
            EditToken? edit = state.Edit;
            switch (accountEvent)
            {
                case AgencyCreated or FreelancerAccountOpened:
                    throw new ArgumentException("An account is created once.", nameof(accountEvent));
                case MemberAdded added:
                    Members = Members.Add(added.Member.Person, added.Member, edit);
                    break;
                case PermissionsChanged changed:
                    Members = Members.SetItem(changed.Person, Members[changed.Person] with { Permissions = changed.Permissions }, edit);
                    break;
                case MemberRemoved removed:
                    Members = Members.Remove(removed.Person, edit);
                    break;
                case OwnershipTransferred transferred:
                    Members = Members.SetItem(transferred.NewOwner, Members[transferred.NewOwner] with { Permissions = Permissions.All }, edit);
                    Owner = transferred.NewOwner;
                    break;
                case AgencyClosed:
                    IsClosed = true;
                    break;
            }
        }
    }
}
