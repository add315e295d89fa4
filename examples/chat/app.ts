import { randomUUID } from "node:crypto";
import { App, AppConfig, EventStream, Fragment, HttpError, Template, isMain } from "chirp";
import { redisChannels } from "chirp/redis";

export const app = new App({
  config: new AppConfig({
    templateDir: new URL("./templates", import.meta.url),
    // With CHIRP_REDIS_URL, every process of this app shares its channels through Redis.
    channels: process.env.CHIRP_REDIS_URL ? redisChannels({ url: process.env.CHIRP_REDIS_URL }) : undefined,
  }),
});

/** The room: every tab's stream subscribes to it. Its history lets a tab that reconnects get what it missed. */
const room = app.channel("room", { history: 100 });

const KEPT = 50;
const MAX_LENGTH = 500;

/** This process, among those that share the room through Redis. */
const me = randomUUID();
/** The last 50 messages, shown to a newcomer with the page, each with the id the room gave it: read from the room, so every process has the same ones. */
const messages: { id: string | undefined; name: string; text: string }[] = [];
/** Who is connected to this process now: one entry per open stream. */
const online = new Map<symbol, string>();
/** Who is connected to each other process, as its last presence list said. */
const elsewhere = new Map<string, string[]>();
let guests = 0;

/** Everyone connected, on every process. */
function names(): string[] {
  return [...online.values(), ...[...elsewhere.values()].flat()].sort();
}

/** The presence list, published to everyone when someone joins or leaves; it says who is here, on this process. */
function presence(): Fragment {
  return new Fragment("chat.html", "presence", { names: names(), by: me, here: [...online.values()] });
}

/** Follows the room for as long as the process runs: keeps its last messages, and who is on the other processes. */
async function follow(): Promise<void> {
  for await (const value of room.subscribe({ signal: new AbortController().signal })) {
    const published = typeof value === "object" && "value" in value ? value : undefined;
    if (!(published?.value instanceof Fragment)) continue;
    const { block, context } = published.value;
    if (block === "message") {
      messages.push({ id: published.id, name: String(context.name), text: String(context.text) });
      if (messages.length > KEPT) messages.shift();
    } else if (block === "presence" && context.by !== me) {
      const known = elsewhere.has(String(context.by));
      elsewhere.set(String(context.by), context.here as string[]);
      if (!known && online.size > 0) room.publish(presence()); // a process it did not know yet learns who is here
    }
  }
}
void follow();

app.route("/", () => {
  guests += 1;
  // The stream resumes after the newest message shown: one posted before it connects is replayed, none twice.
  return new Template("chat.html", { name: `Guest ${guests}`, messages, names: names(), lastId: messages.at(-1)?.id });
});

app.route("/messages", { methods: ["POST"] }, async (req) => {
  const form = await req.form();
  const name = form.get("name")?.trim().slice(0, 40) || "Anonymous";
  const text = form.get("text")?.trim() ?? "";
  if (!text) throw new HttpError(400, "Type a message first.");
  if (text.length > MAX_LENGTH) throw new HttpError(400, `A message holds at most ${MAX_LENGTH} characters.`);
  await room.publish(new Fragment("chat.html", "message", { name, text }));
  return null; // 204: every tab, this one included, gets the message from the room, and so does `messages`
});

app.route("/events", { referenced: true }, (req) => {
  const name = typeof req.query.name === "string" ? req.query.name.slice(0, 40) : "Anonymous";
  const me = Symbol(name);
  // Subscribed first, so this tab also gets the presence list that announces it.
  const stream = new EventStream(room.subscribe(req));
  online.set(me, name);
  room.publish(presence());
  req.signal.addEventListener("abort", () => {
    online.delete(me);
    room.publish(presence());
  });
  return stream;
});

if (isMain(import.meta)) app.run();
