namespace SocketPairGen.Tests;

/// <summary>
/// Tests that count this process's descriptors run alone: a test running beside them opens and closes
/// descriptors of its own and would make the counts meaningless.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorCountCollection
{
    public const string Name = "Descriptor counts";
}
