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

/** The last 50 messages, shown to a newcomer with the page, each with the id the room gave it. */
const messages: { id: string | undefined; name: string; text: string }[] = [];
/** Who is connected now: one entry per open stream. */
const online = new Map<symbol, string>();
let guests = 0;

/** The presence list, published to everyone when someone joins or leaves. */
function presence(): Fragment {
  return new Fragment("chat.html", "presence", { names: [...online.values()].sort() });
}

app.route("/", () => {
  guests += 1;
  // The stream resumes after the newest message shown: one posted before it connects is replayed, none twice.
  return new Template("chat.html", { name: `Guest ${guests}`, messages, names: [...online.values()].sort(), lastId: messages.at(-1)?.id });
});

app.route("/messages", { methods: ["POST"] }, async (req) => {
  const form = await req.form();
  const name = form.get("name")?.trim().slice(0, 40) || "Anonymous";
  const text = form.get("text")?.trim() ?? "";
  if (!text) throw new HttpError(400, "Type a message first.");
  if (text.length > MAX_LENGTH) throw new HttpError(400, `A message holds at most ${MAX_LENGTH} characters.`);
  const id = await room.publish(new Fragment("chat.html", "message", { name, text }));
  messages.push({ id, name, text });
  if (messages.length > KEPT) messages.shift();
  return null; // 204: every tab, this one included, gets the message from the room
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
