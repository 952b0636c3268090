using System;
using System.Numerics;

namespace AgencyConnects.Domain.Tests.Values;

/// <summary>
/// A reference for decimal arithmetic that cannot round or overflow: every decimal as an exact whole number of
/// 10^-28 units, in <see cref="BigInteger"/>.
/// </summary>
public static class ExactDecimal
{
    private const int MaxScale = 28;
    private static readonly BigInteger s_mantissaLimit = BigInteger.One << 96;

    /// <summary><see cref="decimal.MaxValue"/> in units of 10^-28.</summary>
    public static BigInteger MaxValue { get; } = Units(decimal.MaxValue);

    /// <summary>The value in units of 10^-28, exactly.</summary>
    public static BigInteger Units(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new BigInteger(unchecked((uint)bits[0]))
            + (new BigInteger(unchecked((uint)bits[1])) << 32)
            + (new BigInteger(unchecked((uint)bits[2])) << 64);
        int scale = (bits[3] >> 16) & 0xFF;
        BigInteger units = mantissa * BigInteger.Pow(10, MaxScale - scale);
        return bits[3] < 0 ? -units : units;
    }

    /// <summary>Whether some decimal equals the value exactly (a 96-bit mantissa at some scale from 0 to 28).</summary>
    public static bool IsRepresentable(BigInteger units)
    {
        BigInteger magnitude = BigInteger.Abs(units);
        for (int scale = 0; scale <= MaxScale; scale++)
        {
            BigInteger divisor = BigInteger.Pow(10, MaxScale - scale);
            if (magnitude % divisor == 0 && magnitude / divisor < s_mantissaLimit)
            {
                return true;
            }
        }

        return false;
    }
}
