using System;
using AgencyConnects.Domain.Values;
using FsCheck.Xunit;
using OneOf;
using Xunit;

namespace AgencyConnects.Domain.Tests.Values;

/// <summary>The four host-supplied identifiers share one set of rules (<see cref="Identifier"/>); each is tested here by kind.</summary>
public class IdentifierTests
{
    public static TheoryData<string> Kinds => new() { "PersonId", "AgencyId", "ProposalId", "RequestKey" };

    /// <summary>Creates the identifier of the given kind and returns its text, or the error.</summary>
    private static OneOf<string, InvalidIdentifier> Create(string kind, string text) => kind switch
    {
        "PersonId" => PersonId.Create(text).MapT0(id => id.Value),
        "AgencyId" => AgencyId.Create(text).MapT0(id => id.Value),
        "ProposalId" => ProposalId.Create(text).MapT0(id => id.Value),
        "RequestKey" => RequestKey.Create(text).MapT0(id => id.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_keeps_the_text(string kind)
        => Assert.Equal("p-42", Create(kind, "p-42").AsT0);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_refuses_an_empty_text(string kind)
        => Assert.Equal(new InvalidIdentifier(kind, string.Empty, IdentifierProblem.Blank), Create(kind, string.Empty).AsT1);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_refuses_a_text_of_white_space_only(string kind)
    {
        Assert.Equal(new InvalidIdentifier(kind, " ", IdentifierProblem.Blank), Create(kind, " ").AsT1);
        Assert.Equal(new InvalidIdentifier(kind, "\t\r\n\u00A0", IdentifierProblem.Blank), Create(kind, "\t\r\n\u00A0").AsT1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_refuses_white_space_longer_than_MaxLength_as_blank(string kind)
    {
        string spaces = new(' ', Identifier.MaxLength + 1);

        Assert.Equal(new InvalidIdentifier(kind, spaces, IdentifierProblem.Blank), Create(kind, spaces).AsT1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_accepts_exactly_MaxLength_characters(string kind)
    {
        string longest = new('x', Identifier.MaxLength);

        Assert.Equal(longest, Create(kind, longest).AsT0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_refuses_one_character_more_than_MaxLength(string kind)
    {
        string tooLong = new('x', Identifier.MaxLength + 1);

        Assert.Equal(new InvalidIdentifier(kind, tooLong, IdentifierProblem.TooLong), Create(kind, tooLong).AsT1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_throws_for_null(string kind)
        => Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => Create(kind, null!)).ParamName);

    [Fact]
    public void MaxLength_is_128()
        => Assert.Equal(128, Identifier.MaxLength);

    [Fact]
    public void Default_PersonId_is_the_empty_identifier()
    {
        PersonId none = default;
        PersonId someone = PersonId.Create("a").AsT0;

        Assert.True(none.IsEmpty);
        Assert.False(someone.IsEmpty);
        Assert.Equal(string.Empty, none.Value);
        Assert.Equal(string.Empty, none.ToString());
        Assert.Equal(default, none);
        Assert.NotEqual(someone, none);
        Assert.Equal(0, none.CompareTo(default));
        Assert.True(none.CompareTo(someone) < 0);
        Assert.True(someone.CompareTo(none) > 0);
    }

    [Fact]
    public void Default_of_the_other_identifiers_is_empty_too()
    {
        Assert.True(default(AgencyId).IsEmpty);
        Assert.Equal(string.Empty, default(AgencyId).ToString());
        Assert.True(default(AgencyId).CompareTo(AgencyId.Create("a").AsT0) < 0);
        Assert.True(default(ProposalId).IsEmpty);
        Assert.Equal(string.Empty, default(ProposalId).ToString());
        Assert.True(default(ProposalId).CompareTo(ProposalId.Create("a").AsT0) < 0);
        Assert.True(default(RequestKey).IsEmpty);
        Assert.Equal(string.Empty, default(RequestKey).ToString());
        Assert.True(default(RequestKey).CompareTo(RequestKey.Create("a").AsT0) < 0);
    }

    [Fact]
    public void Identifiers_are_compared_ordinally_and_case_sensitively()
    {
        PersonId upper = PersonId.Create("B").AsT0;
        PersonId lower = PersonId.Create("a").AsT0;

        Assert.True(upper.CompareTo(lower) < 0); // 'B' (66) before 'a' (97); a culture-aware comparison says otherwise
        Assert.NotEqual(PersonId.Create("A").AsT0, lower);
        Assert.Equal("B", upper.ToString());
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 300)]
    public void Equality_and_order_follow_the_text_ordinally(PersonId left, PersonId right)
    {
        int expected = string.CompareOrdinal(left.Value, right.Value);

        Assert.Equal(int.Sign(expected), int.Sign(left.CompareTo(right)));
        Assert.Equal(expected == 0, left == right);
        Assert.Equal(left, PersonId.Create(left.Value).AsT0);
    }
}
