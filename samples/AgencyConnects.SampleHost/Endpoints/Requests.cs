namespace AgencyConnects.SampleHost.Endpoints;

// What the API accepts. Fields are nullable or wide (long) on purpose: a missing field or a number out of range is
// refused with a named 400 problem by the endpoint, never by a crash in binding.

/// <summary>A new agency; <c>plan</c> "Plus" upgrades it at once, in the same transaction (a sign-up on the paid plan).</summary>
public sealed record CreateAgencyRequest(string? Id, bool Exclusive = false, string? TimeZone = null, string? Catalog = null, string? Plan = null);

public sealed record AddMemberRequest(string? Person, string[]? Permissions, bool Exclusive = false);

public sealed record ChangePermissionsRequest(string[]? Permissions);

public sealed record TransferOwnershipRequest(string? NewOwner);

public sealed record BuyConnectsRequest(long Quantity);

public sealed record SubmitProposalRequest(string? Id, string? Assignee, long Cost, long Boost = 0);

public sealed record OutcomeRequest(string? Outcome);

public sealed record OpenFreelancerRequest(string? TimeZone = null, string? Catalog = null);
