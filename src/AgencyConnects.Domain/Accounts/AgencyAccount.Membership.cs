using System.Collections.Generic;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Accounts;

/// <content>Membership: adding and removing members, permissions, ownership and closing (DOMAIN §4).</content>
public sealed partial class AgencyAccount
{
    /// <summary>Adds a member. Needs an owner or admin, and Agency Plus; a person is added once.</summary>
    /// <param name="actor">Who adds: the owner or an admin.</param>
    /// <param name="person">The new member.</param>
    /// <param name="permissions">What they may do.</param>
    /// <param name="kind">Whether they work through this agency only.</param>
    /// <param name="at">Now.</param>
    /// <param name="directory">The cross-agency facts, for exclusivity; apply the result's events to it afterwards.</param>
    /// <returns>
    /// The agency with the member, or: <see cref="AgencyIsClosed"/>; <see cref="InvalidArgument"/>, which is
    /// <see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>,
    /// <see cref="DefaultValue"/> for a <c>default</c> <paramref name="person"/>, or <see cref="UndefinedValue"/> when
    /// <paramref name="permissions"/> hold bits outside <see cref="Permissions.All"/> or <paramref name="kind"/> is not a
    /// named <see cref="MembershipKind"/> (in that order); <see cref="NotAuthorized"/> when <paramref name="actor"/> is
    /// not the owner or an admin; <see cref="PlanDoesNotAllow"/> on Agency Basic; <see cref="AlreadyAMember"/>;
    /// <see cref="ExclusivityConflict"/> when the person is exclusive elsewhere, or is to be exclusive here while
    /// belonging elsewhere.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="directory"/> is null.</exception>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, PlanDoesNotAllow, AlreadyAMember, ExclusivityConflict> AddMember(
        PersonId actor, PersonId person, Permissions permissions, MembershipKind kind, Instant at, AgencyDirectory directory)
    {
        Guard.NotNull(directory);
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (person.IsEmpty)
        {
            return new DefaultValue(nameof(person), nameof(PersonId));
        }

        if (CheckPermissions(permissions) is { } undefinedPermissions)
        {
            return undefinedPermissions;
        }

        if (CheckKind(kind, nameof(kind)) is { } undefinedKind)
        {
            return undefinedKind;
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        if (!agency.Holds(actor, Permissions.Admin))
        {
            return new NotAuthorized(actor, Permissions.Admin);
        }

        if (!agency.Terms.Allows(PlanActions.AddMembers))
        {
            return new PlanDoesNotAllow(agency.Plan, PlanActions.AddMembers);
        }

        if (agency.Members.ContainsKey(person))
        {
            return new AlreadyAMember(person);
        }

        if (directory.CheckJoin(person, Id, kind) is { } conflict)
        {
            return conflict;
        }

        return agency.Record(new MemberAdded(at, actor, new Member(person, permissions, kind, at)), events).Done(events);
    }

    /// <summary>Changes a member's permissions. Needs an owner or admin; the owner's permissions are fixed.</summary>
    /// <param name="actor">Who changes them: the owner or an admin.</param>
    /// <param name="person">The member.</param>
    /// <param name="permissions">The permissions they hold from now on.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency, or: <see cref="AgencyIsClosed"/>; <see cref="InvalidArgument"/>, which is
    /// <see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>, or
    /// <see cref="UndefinedValue"/> when <paramref name="permissions"/> hold bits outside <see cref="Permissions.All"/>;
    /// <see cref="NotAuthorized"/>; <see cref="NotAMember"/>; <see cref="OwnerPermissionsAreFixed"/>.
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, NotAMember, OwnerPermissionsAreFixed> ChangePermissions(
        PersonId actor, PersonId person, Permissions permissions, Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if ((State.CheckInstant(at) ?? CheckPermissions(permissions)) is { } invalid)
        {
            return invalid;
        }

        if (!Holds(actor, Permissions.Admin))
        {
            return new NotAuthorized(actor, Permissions.Admin);
        }

        if (!Members.ContainsKey(person))
        {
            return new NotAMember(person);
        }

        if (person == Owner)
        {
            return new OwnerPermissionsAreFixed(Owner);
        }

        var events = new List<AccountEvent>();
        return Advance(at, events).Record(new PermissionsChanged(at, actor, person, permissions), events).Done(events);
    }

    /// <summary>
    /// Removes a member. Needs an owner or admin, or the member themselves (leaving). The owner cannot be removed, nor
    /// a member with open proposals assigned to them.
    /// </summary>
    /// <param name="actor">Who removes: the owner, an admin, or <paramref name="person"/>.</param>
    /// <param name="person">The member.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency, or: <see cref="AgencyIsClosed"/>; <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>); <see cref="NotAuthorized"/>;
    /// <see cref="NotAMember"/>; <see cref="OwnerCannotBeRemoved"/>; <see cref="MemberHasOpenProposals"/>.
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, NotAMember, OwnerCannotBeRemoved, MemberHasOpenProposals> RemoveMember(
        PersonId actor, PersonId person, Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (actor != person && !Holds(actor, Permissions.Admin))
        {
            return new NotAuthorized(actor, Permissions.Admin);
        }

        if (!Members.ContainsKey(person))
        {
            return new NotAMember(person);
        }

        if (person == Owner)
        {
            return new OwnerCannotBeRemoved(Owner);
        }

        if (OpenProposalsAssignedTo(person) is > 0 and int open)
        {
            return new MemberHasOpenProposals(person, open);
        }

        var events = new List<AccountEvent>();
        return Advance(at, events).Record(new MemberRemoved(at, actor, person), events).Done(events);
    }

    /// <summary>
    /// Transfers ownership to an existing member who owns no other open agency. Only the owner may; the former owner
    /// stays a member with every permission (an admin).
    /// </summary>
    /// <param name="actor">The owner.</param>
    /// <param name="newOwner">The member who becomes owner.</param>
    /// <param name="at">Now.</param>
    /// <param name="directory">The cross-agency facts; apply the result's events to it afterwards.</param>
    /// <returns>
    /// The agency, or: <see cref="AgencyIsClosed"/>; <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>); <see cref="NotOwner"/>;
    /// <see cref="AlreadyOwner"/>; <see cref="NotAMember"/>; <see cref="OwnsAnotherAgency"/>.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="directory"/> is null.</exception>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotOwner, AlreadyOwner, NotAMember, OwnsAnotherAgency> TransferOwnership(
        PersonId actor, PersonId newOwner, Instant at, AgencyDirectory directory)
    {
        Guard.NotNull(directory);
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (actor != Owner)
        {
            return new NotOwner(actor, Owner);
        }

        if (newOwner == Owner)
        {
            return new AlreadyOwner(Owner);
        }

        if (!Members.ContainsKey(newOwner))
        {
            return new NotAMember(newOwner);
        }

        if (directory.AgencyOwnedBy(newOwner) is { } owned && owned != Id)
        {
            return new OwnsAnotherAgency(newOwner, owned);
        }

        var events = new List<AccountEvent>();
        return Advance(at, events).Record(new OwnershipTransferred(at, Owner, newOwner), events).Done(events);
    }

    /// <summary>
    /// Closes the agency. Only the owner may, once no other member and no open proposal remain; the remaining Connects
    /// are forfeited and the agency accepts no further operation. Its owner may then create another agency.
    /// </summary>
    /// <param name="actor">The owner.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The closed agency, or: <see cref="AgencyIsClosed"/>; <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>); <see cref="NotOwner"/>;
    /// <see cref="AgencyNotEmpty"/>.
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotOwner, AgencyNotEmpty> Close(PersonId actor, Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (actor != Owner)
        {
            return new NotOwner(actor, Owner);
        }

        int open = State.OpenProposalCount;
        if (Members.Count > 1 || open > 0)
        {
            return new AgencyNotEmpty(Members.Count - 1, open);
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.Record(new AgencyClosed(at, Owner, agency.Balance), events).Done(events);
    }

    private static UndefinedValue? CheckPermissions(Permissions permissions)
        => (permissions & ~Permissions.All) == 0 ? null : new UndefinedValue(nameof(permissions), nameof(Permissions), (long)permissions);
}
