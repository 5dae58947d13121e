namespace SocketPairGen.Generator.Model;

/// <summary>How a contract method returns.</summary>
internal enum MethodShape
{
    /// <summary>A synchronous method returning a value.</summary>
    Sync,

    /// <summary>A synchronous <c>void</c> method.</summary>
    Void,

    /// <summary>Returns <c>Task</c>.</summary>
    Task,

    /// <summary>Returns <c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary>Returns <c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary>Returns <c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,
}
