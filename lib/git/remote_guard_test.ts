import assert from "node:assert/strict";
import { startDnsServer } from "../../tests/support/dns_server.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { configureRemoteGuard, isInternal, pinnedRemoteConfig } from "./remote_guard.ts";

Deno.test("[security] internal addresses are recognised, v4 and v6, mapped and NAT64 forms included", () => {
  for (
    const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a9fe:a9fe",
      "2001:db8::1",
    ]
  ) assert.equal(isInternal(address), true, address);
  for (const address of ["140.82.112.3", "8.8.8.8", "172.32.0.1", "2606:50c0:8000::153", "::ffff:8.8.8.8"]) {
    assert.equal(isInternal(address), false, address);
  }
});

Deno.test("[security] a host resolving to an internal address is refused; a public one is pinned to the address checked", async () => {
  const dns = await startDnsServer({
    "evil.test": ["127.0.0.1"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["140.82.112.3", "10.0.0.7"],
    "sneaky6.test": ["::ffff:7f00:1"],
    "github.test": ["140.82.112.3"],
  });
  configureRemoteGuard({ dnsServer: dns.address });
  try {
    const codeOf = async (url: string) => {
      try {
        await pinnedRemoteConfig(url);
        return "allowed";
      } catch (error) {
        assert.ok(error instanceof AnalysisError, String(error));
        return error.code;
      }
    };
    for (const host of ["evil.test", "metadata.test", "mixed.test", "sneaky6.test"]) {
      assert.equal(await codeOf(`https://${host}/owner/repo`), "internal_address", host);
    }
    assert.equal(await codeOf("https://nowhere.test/owner/repo"), "host_unreachable");
    assert.deepEqual(await pinnedRemoteConfig("https://github.test:8443/owner/repo"), [
      "-c",
      "http.curloptResolve=github.test:8443:140.82.112.3",
      "-c",
      "http.followRedirects=false",
    ]);
    assert.deepEqual(await pinnedRemoteConfig("file:///tmp/repo"), [], "local repositories have no host");
  } finally {
    configureRemoteGuard({});
    await dns.close();
  }
});
