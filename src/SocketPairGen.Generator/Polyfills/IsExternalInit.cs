// Records and init accessors on netstandard2.0 need this type, which only newer frameworks define.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
