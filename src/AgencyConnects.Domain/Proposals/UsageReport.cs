using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Proposals;

/// <summary>What one person's proposals took from and gave back to a pool over a range of time.</summary>
/// <param name="Person">The person.</param>
/// <param name="SpentAsAssignee">Connects spent on proposals assigned to them.</param>
/// <param name="RefundedAsAssignee">Connects refunded on proposals assigned to them.</param>
/// <param name="SpentAsSubmitter">Connects spent on proposals they submitted.</param>
/// <param name="RefundedAsSubmitter">Connects refunded on proposals they submitted.</param>
public sealed record MemberUsage(PersonId Person, long SpentAsAssignee, long RefundedAsAssignee, long SpentAsSubmitter, long RefundedAsSubmitter);

/// <summary>
/// Connects spent and refunded per person over [<see cref="From"/>, <see cref="To"/>), for an owner watching the
/// team (DOMAIN §5). The team totals equal the ledger's spending and refunds over the same range.
/// </summary>
/// <param name="From">The first instant included.</param>
/// <param name="To">The first instant excluded.</param>
/// <param name="Members">One row per person with Connects spent or refunded on their proposals in the range (as submitter or assignee), ordered by person; proposals that cost nothing leave no ledger entry and so no row.</param>
/// <param name="TotalSpent">All Connects spent on proposals in the range.</param>
/// <param name="TotalRefunded">All Connects refunded in the range.</param>
public sealed record UsageReport(Instant From, Instant To, ImmutableArray<MemberUsage> Members, long TotalSpent, long TotalRefunded)
{
    /// <summary>The report of the ledger entries of [<paramref name="from"/>, <paramref name="to"/>).</summary>
    internal static UsageReport Build(IEnumerable<LedgerEntry> entries, Instant from, Instant to)
    {
        var rows = new Dictionary<PersonId, long[]>();
        long spent = 0;
        long refunded = 0;
        foreach (LedgerEntry entry in entries)
        {
            bool isSpend = entry.Kind == LedgerEntryKind.Spent;
            if (!isSpend && entry.Kind != LedgerEntryKind.Refunded)
            {
                continue;
            }

            int column = isSpend ? 0 : 1;
            if (isSpend)
            {
                spent += entry.Quantity.Value;
            }
            else
            {
                refunded += entry.Quantity.Value;
            }

            if (entry.Member is { } member)
            {
                Row(rows, member)[column] += entry.Quantity.Value;
            }

            if (entry.Submitter is { } submitter)
            {
                Row(rows, submitter)[column + 2] += entry.Quantity.Value;
            }
        }

        ImmutableArray<MemberUsage> members = rows
            .OrderBy(pair => pair.Key)
            .Select(pair => new MemberUsage(pair.Key, pair.Value[0], pair.Value[1], pair.Value[2], pair.Value[3]))
            .ToImmutableArray();
        return new UsageReport(from, to, members, spent, refunded);
    }

    private static long[] Row(Dictionary<PersonId, long[]> rows, PersonId person)
    {
        if (!rows.TryGetValue(person, out long[]? row))
        {
            row = new long[4];
            rows.Add(person, row);
        }

        return row;
    }
}
