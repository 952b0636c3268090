using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// Keeps an <see cref="AgencyDirectory"/> current from the agencies' events: after each successful agency operation,
/// <c>directory = directory.Apply(updated);</c>. The events become the directory's facts (an agency created, moved to a
/// new owner or closed; a member added or removed), so a directory built from every agency's events equals one built
/// from the same facts with <see cref="AgencyDirectory.WithAgency"/> and <see cref="AgencyDirectory.WithMembership"/>.
/// </summary>
/// <remarks>
/// These members live with the accounts, whose events they read, so that membership depends on nothing above it
/// (DOMAIN §8); a host that has <c>using AgencyConnects.Domain.Accounts;</c> calls them as members of the directory.
/// </remarks>
public static class AgencyDirectoryEvents
{
    /// <summary>The members that apply account events to a directory.</summary>
    /// <param name="directory">The directory.</param>
    extension(AgencyDirectory directory)
    {
        /// <summary>
        /// Brings the directory up to date with one event of an agency. Events that do not concern the directory leave
        /// it as it is. Each agency's events change only that agency's facts, so the streams of several agencies may be
        /// applied in any interleaving that keeps each stream's own order (as a host reads them back after a restart).
        /// </summary>
        /// <param name="agency">The agency the event belongs to.</param>
        /// <param name="accountEvent">The event.</param>
        /// <returns>The updated directory.</returns>
        /// <exception cref="System.ArgumentNullException">The directory or <paramref name="accountEvent"/> is null.</exception>
        public AgencyDirectory Apply(AgencyId agency, AccountEvent accountEvent)
        {
            Guard.NotNull(directory);
            Guard.NotNull(accountEvent);
            return accountEvent switch
            {
                AgencyCreated created => directory.Opened(agency, created.Owner).Joined(created.Owner, agency, created.OwnerMembership),
                MemberAdded added => directory.Joined(added.Member.Person, agency, added.Member.Kind),
                MemberRemoved removed => directory.Left(removed.Person, agency),
                OwnershipTransferred transferred => directory.Opened(agency, transferred.NewOwner),
                AgencyClosed closed => directory.Closed(agency, closed.Owner).Left(closed.Owner, agency),
                _ => directory,
            };
        }

        /// <summary>Brings the directory up to date with every event of a successful agency operation.</summary>
        /// <param name="change">The operation's result.</param>
        /// <returns>The updated directory.</returns>
        /// <exception cref="System.ArgumentNullException">The directory or <paramref name="change"/> is null.</exception>
        public AgencyDirectory Apply(Updated<AgencyAccount> change)
        {
            Guard.NotNull(directory);
            Guard.NotNull(change);
            AgencyDirectory updated = directory;
            foreach (AccountEvent accountEvent in change.Events)
            {
                updated = updated.Apply(change.Account.Id, accountEvent);
            }

            return updated;
        }
    }
}
