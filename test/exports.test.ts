import * as mdpost from 'mdpost'
import {expect, test} from 'vitest'

test('public exports', () => {
  expect(Object.keys(mdpost).sort()).toEqual([
    'PostParseError',
    'parseFrontmatter',
    'parsePost',
    'parsePostSync',
    'remarkPost',
    'renderDocument'
  ])
})
