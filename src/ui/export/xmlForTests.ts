/**
 * A strict little XML reader for the unit tests of the exports (Vitest runs in Node, which has no
 * DOMParser): elements, quoted attributes, text, the five predefined entities and numeric
 * references. It throws where an XML parser reports a fatal error: a tag closed out of order, a bare
 * "<" or "&", an unquoted or repeated attribute, content after the root.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw.replace(/&([^;&\s]*)(;?)/g, (_, name: string, semicolon: string) => {
    if (!semicolon) throw new Error(`bare "&" before "${name}"`);
    const named = ENTITIES[name];
    if (named !== undefined) return named;
    const hex = /^#x([0-9a-f]+)$/i.exec(name);
    const dec = /^#([0-9]+)$/.exec(name);
    if (hex) return String.fromCodePoint(Number.parseInt(hex[1]!, 16));
    if (dec) return String.fromCodePoint(Number.parseInt(dec[1]!, 10));
    throw new Error(`unknown entity "&${name};"`);
  });
}

const NAME = /^[A-Za-z_][\w:.-]*/;

export function parseXml(text: string): XmlElement {
  const s = text.replace(/^<\?xml[^?]*\?>/, '');
  let i = 0;
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}: ${JSON.stringify(s.slice(i, i + 40))}`);
  };

  const element = (): XmlElement => {
    if (s[i] !== '<') fail('expected "<"');
    i++;
    const name = NAME.exec(s.slice(i))?.[0] ?? fail('expected an element name');
    i += name.length;
    const node: XmlElement = { name, attributes: {}, children: [] };
    for (;;) {
      const before = i;
      skipSpace();
      if (s.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (s[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected white space before an attribute');
      const attr = /^([A-Za-z_][\w:.-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(s.slice(i));
      if (!attr) fail('expected a quoted attribute');
      const [whole, key, , double, single] = attr!;
      if (key! in node.attributes) fail(`attribute "${key}" repeated`);
      node.attributes[key!] = decode(double ?? single ?? '');
      i += whole.length;
    }
    for (;;) {
      if (i >= s.length) fail(`<${name}> not closed`);
      if (s.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w:.-]*)\s*>/.exec(s.slice(i));
        if (!close || close[1] !== name) fail(`expected </${name}>`);
        i += close![0].length;
        return node;
      }
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) fail('comment not closed');
        i = end + 3;
      } else if (s[i] === '<') {
        node.children.push(element());
      } else {
        const end = s.indexOf('<', i);
        node.children.push(decode(s.slice(i, end < 0 ? s.length : end)));
        i = end < 0 ? s.length : end;
      }
    }
  };

  skipSpace();
  const root = element();
  skipSpace();
  if (i < s.length) fail('content after the root element');
  return root;
}

/** Every element below (and including) `root` that passes `test`, in document order. */
export function findAll(root: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = test(root) ? [root] : [];
  for (const child of root.children) if (typeof child !== 'string') found.push(...findAll(child, test));
  return found;
}

/** The text content, as the DOM's textContent gives it. */
export function textOf(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
