import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { cpuMs } from "./clients.ts";
const PAGE = "<!doctype html><html><body><h1>Hello</h1><p>A small page.</p></body></html>";
const variants: Record<string, string[]> = {
  nodeTarget: ["bench/target.ts", "node:http"],
  chirpTarget: ["bench/target.ts", "chirp"],
  chirpMinimal: ["--input-type=module", "-e", `import { App, AppConfig, silentLogger } from "chirp"; const app = new App({ config: new AppConfig({ logger: silentLogger }) }); app.route("/", () => ${JSON.stringify(PAGE)}); app.listen({ port: 0 }).then((l) => console.log(l.url));`],
};
const results: Record<string, string[]> = {};
for (let round = 0; round < 4; round++) for (const [name, args] of Object.entries(variants)) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const url: string = await new Promise((r) => child.stdout!.once("data", (d) => r(String(d).trim().split("\n")[0]!)));
  await autocannon({ url, connections: 50, duration: 0.5 });
  const before = cpuMs(child.pid!);
  const res = await autocannon({ url, connections: 50, duration: 2 });
  (results[name] ??= []).push(`${Math.round(res.requests.average)} ${(((cpuMs(child.pid!) - before) * 1000) / res.requests.total).toFixed(2)}µs p99 ${res.latency.p99}`);
  child.kill(); await new Promise((r) => child.once("exit", r));
}
for (const [name, rows] of Object.entries(results)) console.log(name.padEnd(14), rows.join(" | "));
