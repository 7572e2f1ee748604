import * as mdpost from 'mdpost'
import {expect, test} from 'vitest'

test('public exports', () => {
  expect(Object.keys(mdpost).sort()).toEqual([
    'PostParseError',
    'createSite',
    'linearHandlers',
    'parseFrontmatter',
    'parsePost',
    'parsePostSync',
    'remarkLinear',
    'remarkPost',
    'renderDocument',
    'toFeed',
    'toSitemap'
  ])
})

test('mdpost/node exports', async () => {
  const node = await import('mdpost/node')
  expect(Object.keys(node).sort()).toEqual([
    'PostPool',
    'PostWorker',
    'WorkerStartError',
    'loadSite',
    'parseFiles',
    'parsePostInWorker',
    'readPostFile'
  ])
})
