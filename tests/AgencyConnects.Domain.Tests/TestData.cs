using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Tests;

/// <summary>Identifiers, quantities and instants the tests share.</summary>
internal static class TestData
{
    public static PersonId Person(string name) => PersonId.Create(name).AsT0;

    public static AgencyId Agency(string name) => AgencyId.Create(name).AsT0;

    public static ProposalId Proposal(string name) => ProposalId.Create(name).AsT0;

    public static RequestKey Key(string name) => RequestKey.Create(name).AsT0;

    public static Connects C(int value) => Connects.Create(value).AsT0;

    public static Instant Utc(int year, int month, int day, int hour = 0) => Instant.FromUtc(year, month, day, hour, 0);
}
