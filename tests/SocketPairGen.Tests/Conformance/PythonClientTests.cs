using SocketPairGen.TestContracts.Conformance;

namespace SocketPairGen.Tests.Conformance;

/// <summary>
/// A second, independent implementation of the wire format, written in Python from WIRE-FORMAT.md, calls a generated
/// <see cref="IConformance"/> server over a real socketpair (the client is a child process holding the other end as
/// its fd 3). Its handshake succeeds only if its own fingerprint, computed from the spec's canonical encoding of a
/// hand-written description of the contract, equals the generator's. Scenario <c>calls</c> checks every wire type
/// and method shape; every other scenario sends something the spec says a server refuses, and the server must close
/// the connection with the protocol error named here (the client checks it got no answer).
/// </summary>
public class PythonClientTests
{
    /// <summary>Each scenario of the client, and a phrase of the protocol error the server must end with (empty: none).</summary>
    public static TheoryData<string, string> Scenarios => new()
    {
        { "calls", "" },
        { "bool-2", "only 0 and 1 are valid" },
        { "enum-undefined", "not a defined value of the enum" },
        { "enum-undefined-in-struct", "not a defined value of the enum" },
        { "enum-undefined-in-block", "not a defined value of the enum" },
        { "bad-utf8", "not valid UTF-8" },
        { "utf8-surrogate", "not valid UTF-8" },
        { "utf8-overlong", "not valid UTF-8" },
        { "null-string", "null for a string that cannot be null" },
        { "negative-string-length", "negative length" },
        { "null-memory", "null for a block that cannot be null" },
        { "null-array", "null for a block that cannot be null" },
        { "count-too-large", "a count of 1000 elements" },
        { "negative-count", "a count of -2 elements" },
        { "truncated", "The payload ends early" },
        { "trailing-bytes", "unexpected bytes after the end of the payload" },
        { "payload-without-parameters", "unexpected bytes after the end of the payload" },
        { "nullable-has-value-2", "only 0 and 1 are valid" },
        { "nullable-absent-not-zero", "without a value, but with value bytes that are not zero" },
        { "struct-nullable-absent-not-zero", "without a value, but with value bytes that are not zero" },
        { "struct-bool-2", "Received 2 for the bool" },
        { "decimal-scale-29", "invalid decimal" },
        { "decimal-reserved-bits", "invalid decimal" },
        { "datetime-out-of-range", "invalid DateTime" },
        // The first id past the contract's methods.
        { "unknown-method", $"Received a call of method id {IConformance.Client.Contract.MethodCount}" },
        { "oversized-frame", "more than the maximum frame size" },
        { "unknown-kind", "unknown kind 7" },
        { "header-flags", "reserved header bytes are not zero" },
        { "header-reserved", "reserved header bytes are not zero" },
        { "header-descriptors", "announces 1 descriptor(s), and none arrived with it" },
        { "descriptors-beyond-the-method", "ReadAll with 2 descriptor(s); its arguments hold at most 1" },
        { "descriptor-on-a-method-without-handles", "Load with 1 descriptor(s); its arguments hold at most 0" },
        { "descriptor-named-twice", "names descriptor 0 where descriptor 1 was due" },
        { "descriptor-not-named", "brought 1 descriptor(s) and its payload names 0" },
        { "descriptor-socket-is-a-file", "that is not a socket" },
        { "response-from-client", "which a client never sends" },
        { "cancel-unknown-call", "neither running, queued" },
        { "cancel-with-method-id", "a cancel names only the call" },
        { "cancel-with-payload", "it carries none" },
        { "duplicate-call-id", "still unanswered" },
        { "beyond-request-window", "beyond the request window" },
        { "second-hello", "second handshake" },
        { "request-before-hello", "not the handshake" },
        { "wrong-fingerprint", "Contract mismatch" },
        { "wrong-contract-name", "Contract mismatch" },
        { "wrong-version", "protocol version 1" },
        { "hello-as-server", "does not come from a client" },
        { "hello-with-request-window", "request window" },
        { "hello-bad-magic", "not a SocketPairGen handshake" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_ServerAnswersAsTheSpecSays(string scenario, string refusal)
    {
        await using ChildProcess client = PythonClient.Start([scenario], out StreamReader output);
        using (output)
        {
            Task server = IConformance.ServeAsync(client.Socket, new ConformanceService());
            Task<string> report = output.ReadToEndAsync();

            Exception? serverError = await Record.ExceptionAsync(() => server.WaitAsync(PythonClient.Timeout));
            int exitCode = await client.WaitForExitAsync().WaitAsync(PythonClient.Timeout);
            string lines = await report.WaitAsync(PythonClient.Timeout);

            Assert.True(exitCode == 0 && lines.Contains("PASS ", StringComparison.Ordinal) && !lines.Contains("FAIL ", StringComparison.Ordinal),
                $"The Python client exited with {exitCode}:\n{lines}");
            if (refusal.Length == 0)
            {
                Assert.Null(serverError);
            }
            else
            {
                var error = Assert.IsType<ChannelProtocolException>(serverError);
                Assert.True(error.Message.Contains(refusal, StringComparison.Ordinal), $"Expected a protocol error about '{refusal}', got: {error.Message}");
            }
        }
    }

    [Fact]
    public async Task ScenarioList_IsTheClients()
    {
        (int exitCode, string output) = await PythonClient.RunAsync("--list");

        Assert.Equal(0, exitCode);
        Assert.Equal(Scenarios.Select(row => (string)row[0]), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task UnknownScenario_IsAUsageError()
    {
        (int exitCode, string output) = await PythonClient.RunAsync("no-such-scenario");

        Assert.Equal(2, exitCode);
        Assert.Contains("usage", output, StringComparison.Ordinal);
    }
}
