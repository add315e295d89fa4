import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TlsFiles } from "./nginx.ts";

/**
 * A throwaway certificate authority and one leaf certificate it signed for
 * `names` (wildcards allowed), made with Debian's `openssl` in a temporary folder:
 * the files a server needs, the CA a client trusts, and the leaf's SPKI hash
 * (base64 SHA-256 of its public key), which Chromium's
 * `--ignore-certificate-errors-spki-list` takes.
 */
export class TestCertificate implements TlsFiles {
  private constructor(
    readonly dir: string,
    /** The CA's certificate (PEM), for a client such as Node's `https` to trust. */
    readonly ca: string,
    readonly spkiHash: string,
  ) {}

  get certificate(): string {
    return path.join(this.dir, "leaf.pem");
  }

  get key(): string {
    return path.join(this.dir, "leaf.key");
  }

  /** Makes a CA and a leaf for `names` (`["docs.test", "*.run.docs.test"]`). */
  static make(names: string[]): TestCertificate {
    const dir = mkdtempSync(path.join(os.tmpdir(), "chirp-tls-"));
    const file = (name: string) => path.join(dir, name);
    const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl("req", "-x509", ...ecKey, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=chirp test CA");
    openssl("req", "-new", ...ecKey, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", `/CN=${names[0]}`);
    writeFileSync(file("leaf.ext"), `subjectAltName=${names.map((name) => `DNS:${name}`).join(",")}\nextendedKeyUsage=serverAuth\n`);
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "leaf.ext", "-out", "leaf.pem");
    // The leaf's public key as DER, hashed: what Chromium compares the server's certificate with.
    writeFileSync(file("leaf.pub.pem"), openssl("x509", "-in", "leaf.pem", "-noout", "-pubkey"));
    writeFileSync(file("leaf.spki.der"), openssl("pkey", "-pubin", "-in", "leaf.pub.pem", "-outform", "der"));
    const spkiHash = openssl("dgst", "-sha256", "-binary", "leaf.spki.der").toString("base64");
    return new TestCertificate(dir, readFileSync(file("ca.pem"), "utf8"), spkiHash);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
