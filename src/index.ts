export {PostParseError, type PostParseErrorData} from './errors.js'
export {linearHandlers, remarkLinear} from './linear.js'
export {parseFrontmatter, parsePost, parsePostSync, remarkPost} from './parse.js'
export type {RenderDocumentOptions} from './render.js'
export {renderDocument} from './render.js'
export type {
  Diagnostic,
  Excerpt,
  FrontmatterInfo,
  FrontmatterOptions,
  Heading,
  HtmlPolicy,
  Image,
  Link,
  LinkKind,
  LinkSource,
  MetadataOf,
  ParsedPost,
  ParsedSection,
  Point,
  Position,
  Post,
  PostDate,
  PostFrontmatter,
  PostInput,
  PostOptions,
  RuleId,
  Section,
  Severity,
  Stats,
  TemplateTag
} from './types.js'
