import { App, AppConfig, Fragment, HttpError, Page, Redirect, Template, isMain } from "chirp";

export const app = new App({ config: new AppConfig({ templateDir: new URL("./templates", import.meta.url) }) });

const PEOPLE = [
  { id: "ada", name: "Ada Lovelace", known: "wrote the first published program, for the Analytical Engine" },
  { id: "grace", name: "Grace Hopper", known: "built the first compiler and popularised the word “debugging”" },
  { id: "alan", name: "Alan Turing", known: "described the machine every computer since is measured against" },
];

function person(id: string) {
  const found = PEOPLE.find((one) => one.id === id);
  if (!found) throw new HttpError(404, `There is no one called “${id}” here.`);
  return found;
}

// Template: the whole page.
app.route("/", () => new Template("hello.html", { people: PEOPLE }));

// Page: the whole page to a visit, only the "card" block to htmx.
app.route("/people/:id", (req) => new Page("hello.html", "card", { people: PEOPLE, person: person(req.params.id!) }));

// Fragment: one block, swapped into the card.
app.route("/people/:id/greeting", (req) => new Fragment("hello.html", "greeting", { person: person(req.params.id!), at: new Date().toLocaleTimeString("en-GB") }));

// A string is sent as HTML.
app.route("/ping", () => "<output>pong</output>");

// A plain object or array is sent as JSON.
app.route("/api/people", () => PEOPLE);

// Redirect: a 302 to somewhere else.
app.route("/first", () => new Redirect(`/people/${PEOPLE[0]!.id}`));

if (isMain(import.meta)) app.run();
