using System.Collections.Immutable;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>Builds bills from an account's bill lines.</summary>
internal static class Bills
{
    public static Bill Between(AccountState state, Instant from, Instant to)
    {
        var lines = ImmutableArray.CreateBuilder<BillLine>();
        decimal total = 0m;
        foreach (BillLine line in state.BillLines)
        {
            if (line.At >= from && line.At < to)
            {
                lines.Add(line);
                total += line.Amount.Amount;
            }
        }

        return new Bill(from, to, lines.ToImmutable(), Values.Money.Create(total, state.Settings.Catalog.Currency).AsT0);
    }
}
