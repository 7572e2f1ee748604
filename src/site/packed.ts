/**
 * Packed positions, for lean sites: the `position` of a link, image, heading, template tag and
 * of the front matter held as four small integers in the object itself instead of three objects
 * (`{start, end}` and two points: 136 bytes on 64-bit Node, more than the link itself), and made
 * again on each read. `position` stays an own enumerable property (an accessor), in its place
 * among the keys: `Object.keys`, spreads, `JSON.stringify`, `structuredClone` and deep equality
 * see the same data as the Post's plain objects. What differs: each read is a new object (equal
 * to the one parsed), so changing it changes nothing; assigning `position` stores the new one.
 */
import type {FrontmatterInfo, Heading, Image, Link, Position, TemplateTag} from '../types.js'

/**
 * A position in three small integers (below 2^30: a V8 small integer on every build, stored in
 * the object): the start's line and column, its offset, and the end relative to the start (lines
 * after the start's, the end's column, characters from the start). One that does not fit (a
 * line past 2^19, a column past 2^11, a span over 15 lines or 32,767 characters) is kept whole.
 */
const columnBits = 11
const lengthBits = 15
const spanBits = 4
const lines = 2 ** 19
const offsets = 2 ** 30

/** The position's three integers; a position that does not fit them is kept as it is, in `#start`. */
class Packed {
  /** The start's line and column (`line << 11 | column`); the position itself when it does not fit; null for none. */
  #start: number | Position | null = null
  #offset = 0
  /** Lines from the start's to the end's, the end's column, and the length: `lines << 26 | column << 15 | length`. */
  #end = 0

  /** The accessor each packed object has as its own `position`. */
  static readonly property: PropertyDescriptor = {
    get(this: Packed): Position | null {
      return this.#read()
    },
    set(this: Packed, position: Position | null): void {
      this.#write(position)
    },
    enumerable: true,
    configurable: true
  }

  /** Stores the position and defines the accessor: called by each kind last, so that `position` comes after its other keys. */
  protected pack(position: Position | null): void {
    this.#write(position)
    Object.defineProperty(this, 'position', Packed.property)
  }

  #write(position: Position | null): void {
    if (position === null) {
      this.#start = null
      return
    }
    const {start, end} = position
    const span = end.line - start.line
    const length = end.offset - start.offset
    if (
      small(start.line, lines) &&
      small(start.column, 2 ** columnBits) &&
      small(start.offset, offsets) &&
      small(span, 2 ** spanBits) &&
      small(end.column, 2 ** columnBits) &&
      small(length, 2 ** lengthBits)
    ) {
      this.#start = (start.line << columnBits) | start.column
      this.#offset = start.offset
      this.#end = (span << (columnBits + lengthBits)) | (end.column << lengthBits) | length
    } else {
      this.#start = copy(position)
    }
  }

  #read(): Position | null {
    const start = this.#start
    if (start === null) return null
    if (typeof start !== 'number') return copy(start)
    const end = this.#end
    const line = start >> columnBits
    const offset = this.#offset
    return {
      start: {line, column: start & (2 ** columnBits - 1), offset},
      end: {
        line: line + (end >> (columnBits + lengthBits)),
        column: (end >> lengthBits) & (2 ** columnBits - 1),
        offset: offset + (end & (2 ** lengthBits - 1))
      }
    }
  }
}

/** Whether a value is a whole number from 0 up to below `limit`. */
function small(value: number, limit: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < limit
}

function copy({start, end}: Position): Position {
  return {start: {...start}, end: {...end}}
}

/** A link with its position packed: the same keys in the same order. */
class PackedLink extends Packed implements Link {
  declare url: string
  declare text: string
  declare title: string | null
  declare kind: Link['kind']
  declare source: Link['source']
  declare resolved: string | null
  declare section: string | null
  declare position: Position | null

  constructor(link: Link) {
    super()
    this.url = link.url
    this.text = link.text
    this.title = link.title
    this.kind = link.kind
    this.source = link.source
    this.resolved = link.resolved
    this.section = link.section
    this.pack(link.position)
  }
}

class PackedImage extends Packed implements Image {
  declare src: string
  declare alt: string
  declare title: string | null
  declare source: Image['source']
  declare resolved: string | null
  declare section: string | null
  declare position: Position | null

  constructor(image: Image) {
    super()
    this.src = image.src
    this.alt = image.alt
    this.title = image.title
    this.source = image.source
    this.resolved = image.resolved
    this.section = image.section
    this.pack(image.position)
  }
}

class PackedHeading extends Packed implements Heading {
  declare depth: Heading['depth']
  declare text: string
  declare id: string
  declare position: Position | null

  constructor(heading: Heading) {
    super()
    this.depth = heading.depth
    this.text = heading.text
    this.id = heading.id
    this.pack(heading.position)
  }
}

class PackedTemplateTag extends Packed implements TemplateTag {
  declare syntax: TemplateTag['syntax']
  declare name: string
  declare args: string
  declare text: string
  declare inCode: boolean
  declare position: Position

  constructor(tag: TemplateTag) {
    super()
    this.syntax = tag.syntax
    this.name = tag.name
    this.args = tag.args
    this.text = tag.text
    this.inCode = tag.inCode
    this.pack(tag.position)
  }
}

class PackedFrontmatter extends Packed implements FrontmatterInfo {
  declare format: FrontmatterInfo['format']
  declare raw: string
  declare position: Position | null

  constructor(info: FrontmatterInfo) {
    super()
    this.format = info.format
    this.raw = info.raw
    this.pack(info.position)
  }
}

/**
 * The items with their positions packed: the same array when every item is packed already,
 * else a new one (the given items are left as they are). Only items of the Post's own shape are
 * packed: one with other keys (a plugin's) stays as it is.
 */
function packAll<Item extends object>(items: Item[], Kind: new (item: Item) => Item & Packed, keys: string): Item[] {
  if (items.every((item) => item instanceof Kind)) return items
  return items.map((item) => (item instanceof Kind || Object.keys(item).join() !== keys ? item : new Kind(item)))
}

export const packLinks = (links: Link[]): Link[] => packAll(links, PackedLink, 'url,text,title,kind,source,resolved,section,position')
export const packImages = (images: Image[]): Image[] => packAll(images, PackedImage, 'src,alt,title,source,resolved,section,position')
export const packHeadings = (headings: Heading[]): Heading[] => packAll(headings, PackedHeading, 'depth,text,id,position')
export const packTemplateTags = (tags: TemplateTag[]): TemplateTag[] =>
  packAll(tags, PackedTemplateTag, 'syntax,name,args,text,inCode,position')
export function packFrontmatter(info: FrontmatterInfo): FrontmatterInfo {
  return info instanceof PackedFrontmatter || Object.keys(info).join() !== 'format,raw,position' ? info : new PackedFrontmatter(info)
}
