using System.Collections.Generic;
using System.Collections.Immutable;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Membership;

/// <summary>
/// The cross-agency facts (DOMAIN §4): who owns which open agency, and who belongs to which agencies, exclusively or
/// not. It is the one place the rules that span agencies are checked: <see cref="AgencyAccount"/> operations that
/// could break them take the directory, consult it, and refuse with <see cref="OwnsAnotherAgency"/> or
/// <see cref="ExclusivityConflict"/>. Immutable; keep it current by applying every agency's events with
/// <see cref="Apply(AgencyId, AccountEvent)"/>.
/// </summary>
/// <remarks>
/// <para><b>Concurrency.</b> The library cannot see the host's database: two requests that each read the same
/// directory can both pass its checks (two agencies created by one owner at once, one person added exclusively to
/// two agencies at once). A host keeps the rules true by storing the facts this directory holds under constraints and
/// writing them in the same transaction as the agency's events:</para>
/// <list type="bullet">
/// <item>a unique index on the owner of open agencies (<c>UNIQUE (owner_id) WHERE closed_at IS NULL</c>);</item>
/// <item>a unique index on exclusive memberships (<c>UNIQUE (person_id) WHERE exclusive</c>), and a check, in the
/// same transaction, that an exclusive member has no other membership row (or a serializable transaction around
/// the membership rows of the person);</item>
/// <item>optimistic concurrency on each agency's <see cref="ConnectsAccount.Version"/>.</item>
/// </list>
/// <para>A violated constraint means another request won the race: reload the directory and the agency and retry
/// the operation, which then returns the named error.</para>
/// </remarks>
public sealed class AgencyDirectory
{
    private static readonly ImmutableDictionary<AgencyId, MembershipKind> s_noMemberships = ImmutableDictionary<AgencyId, MembershipKind>.Empty;
    private static readonly ImmutableSortedSet<AgencyId> s_noAgencies = ImmutableSortedSet<AgencyId>.Empty;

    // Every fact is kept per agency, or per (person, agency), and each agency's events change only its own facts: so
    // applying the streams of several agencies in any interleaving that keeps each stream's order gives one directory.
    private readonly ImmutableDictionary<AgencyId, bool> _agencies; // every agency ever created, and whether it is closed
    private readonly ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> _owned; // the open agencies each person owns
    private readonly ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> _memberships;

    private AgencyDirectory(
        ImmutableDictionary<AgencyId, bool> agencies,
        ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> owned,
        ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> memberships)
    {
        _agencies = agencies;
        _owned = owned;
        _memberships = memberships;
    }

    /// <summary>A directory with no agency.</summary>
    public static AgencyDirectory Empty { get; } = new(
        ImmutableDictionary<AgencyId, bool>.Empty,
        ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>>.Empty,
        ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>>.Empty);

    /// <summary>Whether an agency with this identifier was ever created, open or closed: an identifier is used once.</summary>
    /// <param name="agency">The agency.</param>
    /// <returns><c>true</c> when it is known.</returns>
    public bool Contains(AgencyId agency) => _agencies.ContainsKey(agency);

    /// <summary>The open agency the person owns, if any.</summary>
    /// <param name="person">The person.</param>
    /// <returns>The agency, or <c>null</c>.</returns>
    /// <remarks>The rules let a person own one open agency at most; were the facts to say more, the first by identifier is named.</remarks>
    public AgencyId? AgencyOwnedBy(PersonId person) => _owned.TryGetValue(person, out ImmutableSortedSet<AgencyId>? owned) ? owned.Min : null;

    /// <summary>The open agencies the person belongs to, with the kind of each membership.</summary>
    /// <param name="person">The person.</param>
    /// <returns>The memberships; empty when none.</returns>
    public IReadOnlyDictionary<AgencyId, MembershipKind> MembershipsOf(PersonId person)
        => _memberships.TryGetValue(person, out ImmutableDictionary<AgencyId, MembershipKind>? kinds) ? kinds : s_noMemberships;

    /// <summary>The agency the person is an exclusive member of, if any: they submit only through it.</summary>
    /// <param name="person">The person.</param>
    /// <returns>The agency, or <c>null</c>.</returns>
    public AgencyId? ExclusiveAgencyOf(PersonId person)
    {
        AgencyId? found = null;
        foreach (KeyValuePair<AgencyId, MembershipKind> membership in MembershipsOf(person))
        {
            if (membership.Value == MembershipKind.Exclusive && (found is not { } earlier || membership.Key.CompareTo(earlier) < 0))
            {
                found = membership.Key;
            }
        }

        return found;
    }

    /// <summary>
    /// Brings the directory up to date with one event of an agency. Events that do not concern the directory leave it
    /// as it is. Each agency's events change only that agency's facts, so the streams of several agencies may be
    /// applied in any interleaving that keeps each stream's own order (as a host reads them back after a restart).
    /// </summary>
    /// <param name="agency">The agency the event belongs to.</param>
    /// <param name="accountEvent">The event.</param>
    /// <returns>The updated directory.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    public AgencyDirectory Apply(AgencyId agency, AccountEvent accountEvent)
    {
        Guard.NotNull(accountEvent);
        return accountEvent switch
        {
            AgencyCreated created => new AgencyDirectory(
                _agencies.SetItem(agency, false), Own(_owned, created.Owner, agency), Join(_memberships, created.Owner, agency, created.OwnerMembership)),
            MemberAdded added => new AgencyDirectory(_agencies, _owned, Join(_memberships, added.Member.Person, agency, added.Member.Kind)),
            MemberRemoved removed => new AgencyDirectory(_agencies, _owned, Leave(_memberships, removed.Person, agency)),
            OwnershipTransferred transferred => new AgencyDirectory(
                _agencies, Own(Disown(_owned, transferred.FormerOwner, agency), transferred.NewOwner, agency), _memberships),
            AgencyClosed closed => new AgencyDirectory(
                _agencies.SetItem(agency, true), Disown(_owned, closed.Owner, agency), Leave(_memberships, closed.Owner, agency)),
            _ => this,
        };
    }

    /// <summary>Brings the directory up to date with every event of a successful agency operation.</summary>
    /// <param name="change">The operation's result.</param>
    /// <returns>The updated directory.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="change"/> is null.</exception>
    public AgencyDirectory Apply(Updated<AgencyAccount> change)
    {
        Guard.NotNull(change);
        AgencyDirectory directory = this;
        foreach (AccountEvent accountEvent in change.Events)
        {
            directory = directory.Apply(change.Account.Id, accountEvent);
        }

        return directory;
    }

    /// <summary>Why <paramref name="person"/> may not join <paramref name="agency"/> as <paramref name="kind"/>, if they may not.</summary>
    internal ExclusivityConflict? CheckJoin(PersonId person, AgencyId agency, MembershipKind kind)
    {
        // When several agencies stand in the way, name the first by identifier, so the error does not depend on hash order.
        AgencyId? conflict = null;
        foreach (KeyValuePair<AgencyId, MembershipKind> membership in MembershipsOf(person))
        {
            if (membership.Key != agency && (membership.Value == MembershipKind.Exclusive || kind == MembershipKind.Exclusive)
                && (conflict is not { } earlier || membership.Key.CompareTo(earlier) < 0))
            {
                conflict = membership.Key;
            }
        }

        return conflict is { } other ? new ExclusivityConflict(person, other) : null;
    }

    private static ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> Own(
        ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> owned, PersonId person, AgencyId agency)
        => owned.SetItem(person, (owned.TryGetValue(person, out var agencies) ? agencies : s_noAgencies).Add(agency));

    private static ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> Disown(
        ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> owned, PersonId person, AgencyId agency)
    {
        if (!owned.TryGetValue(person, out var agencies))
        {
            return owned;
        }

        agencies = agencies.Remove(agency);
        return agencies.IsEmpty ? owned.Remove(person) : owned.SetItem(person, agencies);
    }

    private static ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> Join(
        ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> memberships, PersonId person, AgencyId agency, MembershipKind kind)
        => memberships.SetItem(person, (memberships.TryGetValue(person, out var kinds) ? kinds : s_noMemberships).SetItem(agency, kind));

    private static ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> Leave(
        ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> memberships, PersonId person, AgencyId agency)
    {
        if (!memberships.TryGetValue(person, out var kinds))
        {
            return memberships;
        }

        kinds = kinds.Remove(agency);
        return kinds.IsEmpty ? memberships.Remove(person) : memberships.SetItem(person, kinds);
    }
}
