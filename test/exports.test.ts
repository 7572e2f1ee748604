import * as mdpost from 'mdpost'
import {expect, test} from 'vitest'

test('public exports', () => {
  expect(Object.keys(mdpost).sort()).toEqual([
    'PostParseError',
    'linearHandlers',
    'parseFrontmatter',
    'parsePost',
    'parsePostSync',
    'remarkLinear',
    'remarkPost',
    'renderDocument'
  ])
})

test('mdpost/node exports', async () => {
  const node = await import('mdpost/node')
  expect(Object.keys(node).sort()).toEqual([
    'PostPool',
    'PostWorker',
    'WorkerStartError',
    'loadSite',
    'openSite',
    'parseFiles',
    'parsePostInWorker',
    'readPostFile'
  ])
})

test('mdpost/site exports', async () => {
  const site = await import('mdpost/site')
  expect(Object.keys(site).sort()).toEqual(['createSite', 'createSiteMemo', 'serializeSite', 'toFeed', 'toSitemap', 'toSitemaps'])
})
