// What a typed SDK's setters cannot say (unknown keys, some nulls), collected for a comment.

export class Unsupported {
  private readonly paths: string[] = [];

  add(path: string) {
    this.paths.push(path);
  }

  /** Records keys of `object` other than `known`, where the contract lets unknown keys through. */
  extraKeys(object: object, known: readonly string[], path: string) {
    for (const key of Object.keys(object)) if (!known.includes(key)) this.add(path ? `${path}.${key}` : key);
  }

  get list(): readonly string[] {
    return this.paths;
  }

  /** A comment naming what was left out, or "" when nothing was. */
  comment(prefix: string): string {
    if (this.paths.length === 0) return "";
    return `${prefix}Left out (this SDK has no typed setter for them; the curl tab sends them): ${this.paths.join(", ")}\n`;
  }
}
