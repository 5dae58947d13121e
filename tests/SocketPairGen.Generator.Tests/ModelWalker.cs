using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Walks a model object graph (every instance field of every type in the hierarchy, public or not, and the
/// elements of every collection) and lists the objects that would pin a compilation in the incremental cache.
/// </summary>
internal static class ModelWalker
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<string> FindCompilationObjects(object root)
    {
        var found = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, root.GetType().Name, found, visited);
        return found;
    }

    private static bool IsForbidden(object value) =>
        value is ISymbol or SyntaxNode or Compilation or Location or SemanticModel or AttributeData or SyntaxTree;

    private static void Walk(object? value, string path, List<string> found, HashSet<object> visited)
    {
        if (value is null or string or Type || value.GetType().IsPrimitive || value.GetType().IsEnum || value is decimal)
        {
            return;
        }

        if (IsForbidden(value))
        {
            found.Add($"{path}: {value.GetType().FullName}");
            return;
        }

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{index++}]", found, visited);
            }
        }

        for (Type? type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (FieldInfo field in type.GetFields(InstanceFields))
            {
                if (!field.FieldType.IsPointer)
                {
                    Walk(field.GetValue(value), $"{path}.{field.Name}", found, visited);
                }
            }
        }
    }
}
