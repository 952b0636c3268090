namespace AgencyConnects.Domain.Internal;

/// <summary>
/// The owner of the nodes a builder creates while it applies a run of events (Clojure's transients): a structure
/// given the token its nodes carry may change them in place, since no other version can see them yet. A builder
/// drops its token when it hands out the state it built (<c>AccountStateBuilder.ToState</c>), so from then on those
/// nodes are never written again, and later changes copy them as usual. Without a token (<c>null</c>) every change
/// copies.
/// </summary>
internal sealed class EditToken;
