/**
 * Type tests of sites (`tsc -p test/types`, nothing here runs): `lean: true` gives a LeanSite,
 * without `html` and `sections`; anything else a Site.
 */
import {loadSite, openSite, type SiteSession} from 'mdpost/node'
import {createSite, type LeanSite, type Site, serializeSite} from 'mdpost/site'
import {expectTypeOf} from 'vitest'

expectTypeOf(await loadSite('blog')).toEqualTypeOf<Site>()
expectTypeOf(await loadSite('blog', {cacheDir: '.cache'})).toEqualTypeOf<Site>()
const lean = await loadSite('blog', {lean: true})
expectTypeOf(lean).toEqualTypeOf<LeanSite>()
// @ts-expect-error: a lean post has no HTML.
lean.posts[0]?.html
// @ts-expect-error: nor sections.
lean.posts[0]?.sections
expectTypeOf(lean.posts[0]?.excerpt?.text).toEqualTypeOf<string | undefined>()
expectTypeOf(await openSite('blog', {lean: true})).toEqualTypeOf<SiteSession<LeanSite>>()
expectTypeOf(await openSite('blog')).toEqualTypeOf<SiteSession>()
expectTypeOf(createSite({posts: []})).toEqualTypeOf<Site>()
expectTypeOf(createSite({posts: [], lean: true})).toEqualTypeOf<LeanSite>()
expectTypeOf(serializeSite(lean, {indent: 2})).toEqualTypeOf<Generator<string, void, undefined>>()
