using System.Collections.Generic;
using System.Collections.Immutable;
using AgencyConnects.Domain.Values;
using OneOf;

namespace AgencyConnects.Domain.Membership;

/// <summary>
/// The cross-agency facts (DOMAIN §4): which agencies exist, who owns each open one, and who belongs to which open
/// agencies, exclusively or not. It is the one place the rules that span agencies are checked: the
/// <see cref="Accounts.AgencyAccount"/> operations that could break them take the directory, consult it, and refuse
/// with <see cref="AgencyAlreadyExists"/>, <see cref="OwnsAnotherAgency"/> or <see cref="ExclusivityConflict"/>.
/// Immutable. A host builds it in either of two ways: from every agency's events (<c>directory.Apply(updated)</c>, an
/// extension member in <see cref="Accounts.AgencyDirectoryEvents"/>), or, per operation, from the rows of its own tables
/// that the operation needs (<see cref="WithAgency"/> and <see cref="WithMembership"/>, starting from
/// <see cref="Empty"/>).
/// </summary>
/// <remarks>
/// <para><b>Loading the facts an operation needs.</b> An operation reads only facts about the persons and the agency
/// it involves, so a directory holding those facts alone decides it exactly as the directory of every agency would:</para>
/// <list type="table">
/// <listheader><term>Operation</term><description>Facts to load</description></listheader>
/// <item><term><see cref="Accounts.AgencyAccount.Create"/> (<c>id</c>, <c>owner</c>)</term><description>the agency row of
/// <c>id</c> if there is one, open or closed (an identifier is used once); the open agency <c>owner</c> owns, if any;
/// every membership of <c>owner</c> in an open agency.</description></item>
/// <item><term><see cref="Accounts.AgencyAccount.AddMember"/> (<c>person</c>)</term><description>every membership of
/// <c>person</c> in an open agency.</description></item>
/// <item><term><see cref="Accounts.AgencyAccount.TransferOwnership"/> (<c>newOwner</c>)</term><description>the open agency
/// <c>newOwner</c> owns, if any.</description></item>
/// <item><term><see cref="Accounts.FreelancerAccount.SubmitProposal"/> (the holder)</term><description>the exclusive membership
/// of the holder, if any: pass <see cref="ExclusiveAgencyOf"/> as <c>exclusiveAgency</c>.</description></item>
/// </list>
/// <para>An agency row is <c>WithAgency(id, owner, isClosed)</c> (the owner's own membership is a membership row like
/// any other); a membership row is <c>WithMembership(person, agency, kind)</c>. Memberships of closed agencies are not
/// facts: a closed agency has no members. Loading more rows than needed (read in the same transaction) changes no
/// decision, so a host may load, say, every membership of every person an operation names.</para>
/// <para><b>Concurrency.</b> The library cannot see the host's database: two requests that each read the same facts
/// can both pass their checks (two agencies created by one owner at once, one person added exclusively to two agencies
/// at once). A host keeps the rules true by storing the facts under constraints and writing them in the same
/// transaction as the agency's events:</para>
/// <list type="bullet">
/// <item>a unique index on the owner of open agencies (<c>UNIQUE (owner_id) WHERE closed_at IS NULL</c>), and a
/// primary key on the agency identifier (kept after the agency closes);</item>
/// <item>a unique index on exclusive memberships (<c>UNIQUE (person_id) WHERE exclusive</c>); and, since that index
/// does not see an exclusive membership racing a non-exclusive one, the person's own row locked
/// (<c>SELECT … FROM persons WHERE id = @person FOR UPDATE</c>) before their membership rows are loaded for the
/// directory, in the transaction that writes the new membership (or a serializable transaction around those rows);</item>
/// <item>optimistic concurrency on each agency's <see cref="Accounts.ConnectsAccount.Version"/>.</item>
/// </list>
/// <para>A violated constraint means another request won the race: load the facts and the agency again and retry the
/// operation, which then returns the named error.</para>
/// </remarks>
/// <example>
/// Adding a member, with the person's memberships read from the host's table
/// (<c>SELECT agency_id, kind FROM memberships WHERE person_id = @person</c>):
/// <code>
/// AgencyDirectory facts = AgencyDirectory.Empty;
/// foreach ((AgencyId other, MembershipKind otherKind) in rows)
/// {
///     facts = facts.WithMembership(person, other, otherKind).SuccessOrThrow(); // the table holds no default identifier
/// }
///
/// var added = agency.AddMember(actor, person, permissions, kind, now, facts);
/// </code>
/// </example>
public sealed class AgencyDirectory
{
    private static readonly ImmutableDictionary<AgencyId, MembershipKind> s_noMemberships = ImmutableDictionary<AgencyId, MembershipKind>.Empty;
    private static readonly ImmutableSortedSet<AgencyId> s_noAgencies = ImmutableSortedSet<AgencyId>.Empty;

    // Every fact is kept per agency, or per (person, agency), and each agency's events change only its own facts: so
    // applying the streams of several agencies in any interleaving that keeps each stream's order gives one directory.
    private readonly ImmutableDictionary<AgencyId, (PersonId Owner, bool IsClosed)> _agencies; // every agency known
    private readonly ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> _owned; // the open agencies each person owns
    private readonly ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> _memberships;

    private AgencyDirectory(
        ImmutableDictionary<AgencyId, (PersonId Owner, bool IsClosed)> agencies,
        ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> owned,
        ImmutableDictionary<PersonId, ImmutableDictionary<AgencyId, MembershipKind>> memberships)
    {
        _agencies = agencies;
        _owned = owned;
        _memberships = memberships;
    }

    /// <summary>A directory with no agency.</summary>
    public static AgencyDirectory Empty { get; } = new(
        ImmutableDictionary<AgencyId, (PersonId Owner, bool IsClosed)>.Empty,
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
    /// The directory with one row of the host's agency table: the agency exists, is owned by <paramref name="owner"/>,
    /// and is open or closed. It replaces what the directory knew of that agency (a second row for the same agency is
    /// the newer fact); the owner's own membership is a separate fact (<see cref="WithMembership"/>).
    /// </summary>
    /// <param name="agency">The agency.</param>
    /// <param name="owner">Its owner (for a closed agency, its last owner).</param>
    /// <param name="isClosed">Whether the agency is closed: a closed agency's identifier stays used, but it has no owner
    /// in <see cref="AgencyOwnedBy"/>.</param>
    /// <returns>
    /// The new directory, or <see cref="InvalidArgument"/>: <see cref="DefaultValue"/> for a <c>default</c>
    /// <paramref name="agency"/> (<c>AgencyId</c>) or <paramref name="owner"/> (<c>PersonId</c>), in that order. This
    /// directory is unchanged either way.
    /// </returns>
    public OneOf<AgencyDirectory, InvalidArgument> WithAgency(AgencyId agency, PersonId owner, bool isClosed)
    {
        if (agency.IsEmpty)
        {
            return new DefaultValue(nameof(agency), nameof(AgencyId));
        }

        if (owner.IsEmpty)
        {
            return new DefaultValue(nameof(owner), nameof(PersonId));
        }

        return isClosed ? Closed(agency, owner) : Opened(agency, owner);
    }

    /// <summary>
    /// The directory with one row of the host's membership table: <paramref name="person"/> belongs to the open agency
    /// <paramref name="agency"/> as <paramref name="kind"/>. It replaces the kind the directory knew for that pair. The
    /// agency itself need not be known (<see cref="WithAgency"/>): the rules read a person's memberships on their own.
    /// </summary>
    /// <param name="person">The member.</param>
    /// <param name="agency">The open agency.</param>
    /// <param name="kind">Whether the person works through this agency only.</param>
    /// <returns>
    /// The new directory, or <see cref="InvalidArgument"/>: <see cref="DefaultValue"/> for a <c>default</c>
    /// <paramref name="person"/> (<c>PersonId</c>) or <paramref name="agency"/> (<c>AgencyId</c>), or
    /// <see cref="UndefinedValue"/> when <paramref name="kind"/> is not a named <see cref="MembershipKind"/>, in that
    /// order. This directory is unchanged either way.
    /// </returns>
    public OneOf<AgencyDirectory, InvalidArgument> WithMembership(PersonId person, AgencyId agency, MembershipKind kind)
    {
        if (person.IsEmpty)
        {
            return new DefaultValue(nameof(person), nameof(PersonId));
        }

        if (agency.IsEmpty)
        {
            return new DefaultValue(nameof(agency), nameof(AgencyId));
        }

        if (kind is not (MembershipKind.Exclusive or MembershipKind.NonExclusive))
        {
            return new UndefinedValue(nameof(kind), nameof(MembershipKind), (long)kind);
        }

        return Joined(person, agency, kind);
    }

    /// <summary>The agency is open and <paramref name="owner"/> owns it (created, transferred, or loaded), replacing its earlier owner.</summary>
    internal AgencyDirectory Opened(AgencyId agency, PersonId owner)
        => new(_agencies.SetItem(agency, (owner, false)), Own(DisownKnown(agency), owner, agency), _memberships);

    /// <summary>The agency is closed: its identifier stays used, and nobody owns it.</summary>
    internal AgencyDirectory Closed(AgencyId agency, PersonId owner)
        => new(_agencies.SetItem(agency, (owner, true)), DisownKnown(agency), _memberships);

    /// <summary>The person belongs to the agency as <paramref name="kind"/>.</summary>
    internal AgencyDirectory Joined(PersonId person, AgencyId agency, MembershipKind kind)
        => new(_agencies, _owned, _memberships.SetItem(person, (_memberships.TryGetValue(person, out var kinds) ? kinds : s_noMemberships).SetItem(agency, kind)));

    /// <summary>The person no longer belongs to the agency.</summary>
    internal AgencyDirectory Left(PersonId person, AgencyId agency)
    {
        if (!_memberships.TryGetValue(person, out var kinds))
        {
            return this;
        }

        kinds = kinds.Remove(agency);
        return new(_agencies, _owned, kinds.IsEmpty ? _memberships.Remove(person) : _memberships.SetItem(person, kinds));
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

    /// <summary>The owners without <paramref name="agency"/>: <see cref="_owned"/> indexes the open agencies of <see cref="_agencies"/> by owner.</summary>
    private ImmutableDictionary<PersonId, ImmutableSortedSet<AgencyId>> DisownKnown(AgencyId agency)
        => _agencies.TryGetValue(agency, out var known) && !known.IsClosed ? Disown(_owned, known.Owner, agency) : _owned;

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
}
