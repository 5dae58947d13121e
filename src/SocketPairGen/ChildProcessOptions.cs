namespace SocketPairGen;

/// <summary>How <see cref="ChildProcess.Start(string, IEnumerable{string}, ChildProcessOptions?)"/> sets up the child.</summary>
public sealed class ChildProcessOptions
{
    /// <summary>The descriptor number the child finds its end of the socket pair at unless told otherwise.</summary>
    public const int DefaultDescriptorNumber = 3;

    private int _descriptorNumber = DefaultDescriptorNumber;
    private TimeSpan _exitGracePeriod = TimeSpan.FromSeconds(2);
    private ChildStandardStream _standardInput = ChildStandardStream.Inherit;
    private ChildStandardStream _standardOutput = ChildStandardStream.Inherit;
    private ChildStandardStream _standardError = ChildStandardStream.Inherit;

    /// <summary>
    /// The child's working directory, or <see langword="null"/> (the default) to inherit the parent's. A relative
    /// path is taken relative to the parent's current directory.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Changes to the environment the child starts from (see <see cref="InheritEnvironment"/>): a value replaces or
    /// adds the variable, a <see langword="null"/> value removes it. <see cref="ChildProcess.DescriptorEnvironmentVariable"/>
    /// is always set by <see cref="ChildProcess.Start(string, IEnumerable{string}, ChildProcessOptions?)"/> and
    /// cannot be overridden here. Read when the child starts.
    /// </summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>
    /// Whether the child starts from the parent's environment as .NET sees it
    /// (<see cref="System.Environment.GetEnvironmentVariables()"/>, which includes variables set through .NET) —
    /// the default — or, when <see langword="false"/>, from an empty one. Either way <see cref="Environment"/> is
    /// applied on top and <see cref="ChildProcess.DescriptorEnvironmentVariable"/> is set. A bare file name is
    /// looked up in the parent's <c>PATH</c> in both cases.
    /// </summary>
    public bool InheritEnvironment { get; init; } = true;

    /// <summary>
    /// The child's descriptor 0. Default <see cref="ChildStandardStream.Inherit"/>; see
    /// <see cref="ChildStandardStream"/> for the choices. A passed handle must be open for reading.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public ChildStandardStream StandardInput
    {
        get => _standardInput;
        init => _standardInput = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The child's descriptor 1. Default <see cref="ChildStandardStream.Inherit"/>; see
    /// <see cref="ChildStandardStream"/> for the choices. A passed handle must be open for writing.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public ChildStandardStream StandardOutput
    {
        get => _standardOutput;
        init => _standardOutput = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The child's descriptor 2. Default <see cref="ChildStandardStream.Inherit"/>; see
    /// <see cref="ChildStandardStream"/> for the choices. A passed handle must be open for writing.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public ChildStandardStream StandardError
    {
        get => _standardError;
        init => _standardError = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The descriptor number the child's end of the socket pair gets in the child (default 3). Every other
    /// descriptor above 2 is closed in the child.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 3 (0, 1 and 2 are the standard streams).</exception>
    public int DescriptorNumber
    {
        get => _descriptorNumber;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, DefaultDescriptorNumber);
            ArgumentOutOfRangeException.ThrowIfEqual(value, int.MaxValue); // descriptors above it are closed
            _descriptorNumber = value;
        }
    }

    /// <summary>
    /// How long <see cref="ChildProcess.Dispose"/> and <see cref="ChildProcess.DisposeAsync"/> wait for the child to
    /// exit on its own after closing the parent's socket (the child sees end of stream) before killing it.
    /// Default 2 seconds; <see cref="TimeSpan.Zero"/> kills at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or too large for a timer.</exception>
    public TimeSpan ExitGracePeriod
    {
        get => _exitGracePeriod;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMilliseconds(int.MaxValue));
            _exitGracePeriod = value;
        }
    }
}
