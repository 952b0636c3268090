using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using AgencyConnects.Domain.Accounts;
using Xunit;

namespace AgencyConnects.Domain.Tests.Architecture;

/// <summary>
/// DOMAIN §8: dependencies point one way (values ← plans and periods ← pool ← membership and proposals ← accounts). The
/// test reads the built library's metadata, finds every type each namespace refers to — in base types, interfaces,
/// generic constraints, field and method signatures, and method bodies (locals and every type, method and field token
/// of the IL) — and fails on any cycle between the library's namespaces, naming the types that make it.
/// </summary>
public sealed class NamespaceLayersTests
{
    private const string Root = "AgencyConnects.Domain";

    [Fact]
    public void The_library_namespaces_depend_on_each_other_without_cycles()
    {
        NamespaceGraph graph = NamespaceGraph.Read(typeof(AgencyAccount).Assembly.Location);

        string[] cycles = [.. graph.Cycles().Select(graph.Describe)];

        Assert.True(cycles.Length == 0, "Namespace cycles:" + Environment.NewLine + string.Join(Environment.NewLine, cycles));
    }

    /// <summary>
    /// The order of DOMAIN §8, namespace by namespace: a namespace uses only namespaces of its own layer or below. The
    /// root (<see cref="DomainError"/>, <see cref="ResultExtensions"/>) and the internal helpers are at the bottom with the
    /// values; the month-end batch sits below the accounts, which call its rule.
    /// </summary>
    [Fact]
    public void Each_namespace_uses_only_its_own_layer_and_those_below()
    {
        Dictionary<string, int> layers = new(StringComparer.Ordinal)
        {
            [Root] = 0,
            [$"{Root}.Internal"] = 0,
            [$"{Root}.Values"] = 0,
            [$"{Root}.Plans"] = 1,
            [$"{Root}.Billing"] = 1,
            [$"{Root}.Pool"] = 2,
            [$"{Root}.Membership"] = 3,
            [$"{Root}.Proposals"] = 3,
            [$"{Root}.MonthEnd"] = 3,
            [$"{Root}.Accounts"] = 4,
        };
        NamespaceGraph graph = NamespaceGraph.Read(typeof(AgencyAccount).Assembly.Location);

        string[] upward = [.. graph.Edges
            .SelectMany(edge => edge.Value.Select(used => (From: edge.Key, To: used.Key, Witness: used.Value)))
            .Where(use => !layers.ContainsKey(use.From) || !layers.ContainsKey(use.To) || layers[use.From] < layers[use.To])
            .Select(use => $"{use.From} uses {use.To} ({use.Witness.From} -> {use.Witness.To})")];

        Assert.True(upward.Length == 0, "Uses against the layers (or of a namespace with no layer):" + Environment.NewLine + string.Join(Environment.NewLine, upward));
    }

    /// <summary>The reading must see into method bodies, or the test above proves less than it says.</summary>
    [Fact]
    public void The_graph_sees_references_made_only_in_method_bodies()
    {
        NamespaceGraph whole = NamespaceGraph.Read(typeof(AgencyAccount).Assembly.Location);
        NamespaceGraph signatures = NamespaceGraph.Read(typeof(AgencyAccount).Assembly.Location, readBodies: false);

        string[] onlyInBodies = [.. whole.Edges.SelectMany(e => e.Value.Keys.Except(signatures.Edges.TryGetValue(e.Key, out var seen) ? seen.Keys : Enumerable.Empty<string>()).Select(to => $"{e.Key} -> {to}"))];

        // ConnectsLifetimes reads BillingSchedule.MaxAnchor in a static initializer: no signature of Plans names Billing.
        Assert.Contains($"{Root}.Plans -> {Root}.Billing", onlyInBodies);
        Assert.Contains($"{Root}.Membership", whole.Edges[$"{Root}.Accounts"].Keys);
        Assert.Contains(Root, whole.Edges[$"{Root}.Values"].Keys);
        Assert.DoesNotContain(whole.Edges, edge => edge.Value.ContainsKey(edge.Key));
    }

    /// <summary>The namespaces of the library and, for each, the namespaces it uses with one pair of types that shows it.</summary>
    private sealed class NamespaceGraph
    {
        private static readonly Dictionary<short, OperandType> s_operands = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (OpCode)field.GetValue(null)!)
            .ToDictionary(code => code.Value, code => code.OperandType);

        private readonly MetadataReader _reader;

        private NamespaceGraph(MetadataReader reader) => _reader = reader;

        /// <summary>From a namespace to each namespace it uses, with (a type that uses, the type it uses).</summary>
        public SortedDictionary<string, SortedDictionary<string, (string From, string To)>> Edges { get; } = new(StringComparer.Ordinal);

        public static NamespaceGraph Read(string path, bool readBodies = true)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var graph = new NamespaceGraph(pe.GetMetadataReader());
            foreach (TypeDefinitionHandle handle in graph._reader.TypeDefinitions)
            {
                graph.AddUsesOf(handle, readBodies ? pe : null);
            }

            return graph;
        }

        /// <summary>For each namespace on a cycle, a shortest cycle through it; a cycle through the same namespaces is given once.</summary>
        public IEnumerable<string[]> Cycles()
        {
            HashSet<string> seen = [];
            foreach (string start in Edges.Keys)
            {
                if (ShortestPath(start, start) is { } cycle && seen.Add(string.Join(">", cycle.Skip(1).Order(StringComparer.Ordinal))))
                {
                    yield return cycle;
                }
            }
        }

        public string Describe(string[] cycle)
            => string.Join(" -> ", cycle.Select(Short)) + ": " + string.Join("; ", cycle.Zip(cycle.Skip(1), (from, to) =>
                $"{Short(from)} uses {Short(to)} ({Edges[from][to].From} -> {Edges[from][to].To})"));

        private static string Short(string ns) => ns == Root ? "(root)" : ns[(Root.Length + 1)..];

        private string[]? ShortestPath(string from, string to)
        {
            var previous = new Dictionary<string, string>(StringComparer.Ordinal);
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out string? node))
            {
                foreach (string next in Edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
                {
                    if (next == to)
                    {
                        var path = new List<string> { to, node };
                        while (path[^1] != from)
                        {
                            path.Add(previous[path[^1]]);
                        }

                        path.Reverse();
                        return [.. path];
                    }

                    if (next != from && previous.TryAdd(next, node))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            return null;
        }

        private void AddUsesOf(TypeDefinitionHandle handle, PEReader? pe)
        {
            TypeDefinitionHandle user = Outermost(handle);
            string userNamespace = NamespaceOf(user);
            if (!userNamespace.StartsWith(Root, StringComparison.Ordinal))
            {
                return; // <Module>, <PrivateImplementationDetails> and the like
            }

            TypeDefinition type = _reader.GetTypeDefinition(handle);
            var uses = new HashSet<TypeDefinitionHandle>();
            uses.UnionWith(TypesIn(type.BaseType));
            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                uses.UnionWith(TypesIn(_reader.GetInterfaceImplementation(implementation).Interface));
            }

            uses.UnionWith(Constraints(type.GetGenericParameters()));
            foreach (FieldDefinitionHandle field in type.GetFields())
            {
                uses.UnionWith(_reader.GetFieldDefinition(field).DecodeSignature(Types.Instance, null));
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = _reader.GetMethodDefinition(methodHandle);
                uses.UnionWith(MethodSignature(method.DecodeSignature(Types.Instance, null)));
                uses.UnionWith(Constraints(method.GetGenericParameters()));
                if (pe is not null && method.RelativeVirtualAddress != 0)
                {
                    uses.UnionWith(Body(pe.GetMethodBody(method.RelativeVirtualAddress)));
                }
            }

            foreach (TypeDefinitionHandle used in uses.Select(Outermost))
            {
                string usedNamespace = NamespaceOf(used);
                if (usedNamespace != userNamespace && usedNamespace.StartsWith(Root, StringComparison.Ordinal))
                {
                    if (!Edges.TryGetValue(userNamespace, out var targets))
                    {
                        Edges[userNamespace] = targets = new(StringComparer.Ordinal);
                    }

                    targets.TryAdd(usedNamespace, (NameOf(user), NameOf(used)));
                }
            }
        }

        private HashSet<TypeDefinitionHandle> Body(MethodBodyBlock body)
        {
            var uses = new HashSet<TypeDefinitionHandle>();
            if (!body.LocalSignature.IsNil)
            {
                foreach (var local in _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(Types.Instance, null))
                {
                    uses.UnionWith(local);
                }
            }

            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (s_operands[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        il.ReadInt16();
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        for (int i = 0; i < targets; i++)
                        {
                            il.ReadInt32();
                        }

                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                        uses.UnionWith(TypesIn(MetadataTokens.EntityHandle(il.ReadInt32())));
                        break;
                    default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR: four bytes
                        il.ReadInt32();
                        break;
                }
            }

            return uses;
        }

        /// <summary>The library's types an entity names: a type, or a member with its declaring type and its signature.</summary>
        private ImmutableHashSet<TypeDefinitionHandle> TypesIn(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return [];
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [(TypeDefinitionHandle)handle];
                case HandleKind.TypeSpecification:
                    return _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(Types.Instance, null);
                case HandleKind.FieldDefinition:
                    FieldDefinition field = _reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    return field.DecodeSignature(Types.Instance, null).Add(field.GetDeclaringType());
                case HandleKind.MethodDefinition:
                    MethodDefinition method = _reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return MethodSignature(method.DecodeSignature(Types.Instance, null)).Add(method.GetDeclaringType());
                case HandleKind.MemberReference:
                    MemberReference member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                    ImmutableHashSet<TypeDefinitionHandle> parent = TypesIn(member.Parent);
                    return member.GetKind() == MemberReferenceKind.Field
                        ? parent.Union(member.DecodeFieldSignature(Types.Instance, null))
                        : parent.Union(MethodSignature(member.DecodeMethodSignature(Types.Instance, null)));
                case HandleKind.MethodSpecification:
                    MethodSpecification specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return specification.DecodeSignature(Types.Instance, null)
                        .Aggregate(TypesIn(specification.Method), (all, argument) => all.Union(argument));
                default: // type references (other assemblies), module references
                    return [];
            }
        }

        private IEnumerable<TypeDefinitionHandle> Constraints(GenericParameterHandleCollection parameters)
            => parameters.SelectMany(p => _reader.GetGenericParameter(p).GetConstraints())
                .SelectMany(c => TypesIn(_reader.GetGenericParameterConstraint(c).Type));

        private static ImmutableHashSet<TypeDefinitionHandle> MethodSignature(MethodSignature<ImmutableHashSet<TypeDefinitionHandle>> signature)
            => signature.ParameterTypes.Aggregate(signature.ReturnType, (all, parameter) => all.Union(parameter));

        private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
        {
            while (_reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } declaring)
            {
                handle = declaring;
            }

            return handle;
        }

        private string NamespaceOf(TypeDefinitionHandle handle) => _reader.GetString(_reader.GetTypeDefinition(handle).Namespace);

        private string NameOf(TypeDefinitionHandle handle) => _reader.GetString(_reader.GetTypeDefinition(handle).Name);
    }

    /// <summary>Decodes a signature into the set of the library's types it names; other assemblies' types name none.</summary>
    private sealed class Types : ISignatureTypeProvider<ImmutableHashSet<TypeDefinitionHandle>, object?>
    {
        public static readonly Types Instance = new();

        private static readonly ImmutableHashSet<TypeDefinitionHandle> None = [];

        public ImmutableHashSet<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableHashSet<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetTypeFromSpecification(
            MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableHashSet<TypeDefinitionHandle> GetSZArrayType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetArrayType(ImmutableHashSet<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetByReferenceType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetPointerType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetPinnedType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetGenericInstantiation(
            ImmutableHashSet<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableHashSet<TypeDefinitionHandle>> typeArguments)
            => typeArguments.Aggregate(genericType, (all, argument) => all.Union(argument));

        public ImmutableHashSet<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableHashSet<TypeDefinitionHandle>> signature)
            => signature.ParameterTypes.Aggregate(signature.ReturnType, (all, parameter) => all.Union(parameter));

        public ImmutableHashSet<TypeDefinitionHandle> GetModifiedType(
            ImmutableHashSet<TypeDefinitionHandle> modifier, ImmutableHashSet<TypeDefinitionHandle> unmodifiedType, bool isRequired)
            => unmodifiedType.Union(modifier);
    }
}
