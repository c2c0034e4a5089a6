#!/usr/bin/env node
import { createRequire as __headsupCreateRequire } from 'node:module';
const require = __headsupCreateRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name2 in all)
    __defProp(target, name2, { get: all[name2], enumerable: true });
};

// node_modules/@lezer/common/dist/index.js
function checkSide(side, pos2, from, to) {
  switch (side) {
    case -2:
      return from < pos2;
    case -1:
      return to >= pos2 && from < pos2;
    case 0:
      return from < pos2 && to > pos2;
    case 1:
      return from <= pos2 && to > pos2;
    case 2:
      return to > pos2;
    case 4:
      return true;
  }
}
function resolveNode(node, pos2, side, overlays) {
  var _a;
  while (node.from == node.to || (side < 1 ? node.from >= pos2 : node.from > pos2) || (side > -1 ? node.to <= pos2 : node.to < pos2)) {
    let parent = !overlays && node instanceof TreeNode && node.index < 0 ? null : node.parent;
    if (!parent)
      return node;
    node = parent;
  }
  let mode = overlays ? 0 : IterMode.IgnoreOverlays;
  if (overlays)
    for (let scan = node, parent = scan.parent; parent; scan = parent, parent = scan.parent) {
      if (scan instanceof TreeNode && scan.index < 0 && ((_a = parent.enter(pos2, side, mode)) === null || _a === void 0 ? void 0 : _a.from) != scan.from)
        node = parent;
    }
  for (; ; ) {
    let inner = node.enter(pos2, side, mode);
    if (!inner)
      return node;
    node = inner;
  }
}
function getChildren(node, type, before, after) {
  let cur = node.cursor(), result = [];
  if (!cur.firstChild())
    return result;
  if (before != null)
    for (let found = false; !found; ) {
      found = cur.type.is(before);
      if (!cur.nextSibling())
        return result;
    }
  for (; ; ) {
    if (after != null && cur.type.is(after))
      return result;
    if (cur.type.is(type))
      result.push(cur.node);
    if (!cur.nextSibling())
      return after == null ? result : [];
  }
}
function matchNodeContext(node, context, i = context.length - 1) {
  for (let p = node; i >= 0; p = p.parent) {
    if (!p)
      return false;
    if (!p.type.isAnonymous) {
      if (context[i] && context[i] != p.name)
        return false;
      i--;
    }
  }
  return true;
}
function iterStack(heads2) {
  if (!heads2.length)
    return null;
  let pick = 0, picked = heads2[0];
  for (let i = 1; i < heads2.length; i++) {
    let node = heads2[i];
    if (node.from > picked.from || node.to < picked.to) {
      picked = node;
      pick = i;
    }
  }
  let next = picked instanceof TreeNode && picked.index < 0 ? null : picked.parent;
  let newHeads = heads2.slice();
  if (next)
    newHeads[pick] = next;
  else
    newHeads.splice(pick, 1);
  return new StackIterator(newHeads, picked);
}
function stackIterator(tree, pos2, side) {
  let inner = tree.resolveInner(pos2, side), layers = null;
  for (let scan = inner instanceof TreeNode ? inner : inner.context.parent; scan; scan = scan.parent) {
    if (scan.index < 0) {
      let parent = scan.parent;
      (layers || (layers = [inner])).push(parent.resolve(pos2, side));
      scan = parent;
    } else {
      let mount = MountedTree.get(scan.tree);
      if (mount && mount.overlay && mount.overlay[0].from <= pos2 && mount.overlay[mount.overlay.length - 1].to >= pos2) {
        let root = new TreeNode(mount.tree, mount.overlay[0].from + scan.from, -1, scan);
        (layers || (layers = [inner])).push(resolveNode(root, pos2, side, false));
      }
    }
  }
  return layers ? iterStack(layers) : inner;
}
function hasChild(tree) {
  return tree.children.some((ch) => ch instanceof TreeBuffer || !ch.type.isAnonymous || hasChild(ch));
}
function buildTree(data) {
  var _a;
  let { buffer, nodeSet, maxBufferLength = DefaultBufferLength, reused = [], minRepeatType = nodeSet.types.length } = data;
  let cursor = Array.isArray(buffer) ? new FlatBufferCursor(buffer, buffer.length) : buffer;
  let types = nodeSet.types;
  let contextHash = 0, lookAhead = 0;
  function takeNode(parentStart, minPos, children3, positions2, inRepeat, depth) {
    let { id: id2, start, end, size } = cursor;
    let lookAheadAtStart = lookAhead, contextAtStart = contextHash;
    if (size < 0) {
      cursor.next();
      if (size == -1) {
        let node2 = reused[id2];
        children3.push(node2);
        positions2.push(start - parentStart);
        return;
      } else if (size == -3) {
        contextHash = id2;
        return;
      } else if (size == -4) {
        lookAhead = id2;
        return;
      } else {
        throw new RangeError(`Unrecognized record size: ${size}`);
      }
    }
    let type = types[id2], node, buffer2;
    let startPos = start - parentStart;
    if (end - start <= maxBufferLength && (buffer2 = findBufferSize(cursor.pos - minPos, inRepeat))) {
      let data2 = new Uint16Array(buffer2.size - buffer2.skip);
      let endPos = cursor.pos - buffer2.size, index = data2.length;
      while (cursor.pos > endPos)
        index = copyToBuffer(buffer2.start, data2, index);
      node = new TreeBuffer(data2, end - buffer2.start, nodeSet);
      startPos = buffer2.start - parentStart;
    } else {
      let endPos = cursor.pos - size;
      cursor.next();
      let localChildren = [], localPositions = [];
      let localInRepeat = id2 >= minRepeatType ? id2 : -1;
      let lastGroup = 0, lastEnd = end, groupLookAhead = lookAheadAtStart;
      while (cursor.pos > endPos) {
        if (localInRepeat >= 0 && cursor.id == localInRepeat && cursor.size >= 0) {
          if (cursor.end <= lastEnd - maxBufferLength) {
            makeRepeatLeaf(localChildren, localPositions, start, lastGroup, cursor.end, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
            lastGroup = localChildren.length;
            lastEnd = cursor.end;
            groupLookAhead = lookAhead;
          }
          cursor.next();
        } else if (depth > 2500) {
          takeFlatNode(start, endPos, localChildren, localPositions);
        } else {
          if (localInRepeat >= 0 && cursor.size == -1 && reused[cursor.id].type == nodeSet.types[localInRepeat]) {
            if (lastGroup < localChildren.length)
              makeRepeatLeaf(localChildren, localPositions, start, lastGroup, cursor.end, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
            lastGroup = localChildren.length + 1;
            lastEnd = cursor.start;
            groupLookAhead = lookAhead;
          }
          takeNode(start, endPos, localChildren, localPositions, localInRepeat, depth + 1);
        }
      }
      if (localInRepeat >= 0 && lastGroup > 0 && lastGroup < localChildren.length)
        makeRepeatLeaf(localChildren, localPositions, start, lastGroup, start, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
      localChildren.reverse();
      localPositions.reverse();
      if (localInRepeat > -1 && lastGroup > 0) {
        let make = makeBalanced(type, contextAtStart);
        node = balanceRange(type, localChildren, localPositions, 0, localChildren.length, 0, end - start, make, make);
      } else {
        node = makeTree(type, localChildren, localPositions, end - start, lookAheadAtStart - end, contextAtStart);
      }
    }
    children3.push(node);
    positions2.push(startPos);
  }
  function takeFlatNode(parentStart, minPos, children3, positions2) {
    let nodes = [];
    let nodeCount = 0, stopAt = -1;
    while (cursor.pos > minPos) {
      let { id: id2, start, end, size } = cursor;
      if (size > 4) {
        cursor.next();
      } else if (stopAt > -1 && start < stopAt) {
        break;
      } else {
        if (stopAt < 0)
          stopAt = end - maxBufferLength;
        nodes.push(id2, start, end);
        nodeCount++;
        cursor.next();
      }
    }
    if (nodeCount) {
      let buffer2 = new Uint16Array(nodeCount * 4);
      let start = nodes[nodes.length - 2];
      for (let i = nodes.length - 3, j = 0; i >= 0; i -= 3) {
        buffer2[j++] = nodes[i];
        buffer2[j++] = nodes[i + 1] - start;
        buffer2[j++] = nodes[i + 2] - start;
        buffer2[j++] = j;
      }
      children3.push(new TreeBuffer(buffer2, nodes[2] - start, nodeSet));
      positions2.push(start - parentStart);
    }
  }
  function makeBalanced(type, contextHash2) {
    return (children3, positions2, length2) => {
      let lookAhead2 = 0, lastI = children3.length - 1, last, lookAheadProp;
      if (lastI >= 0 && (last = children3[lastI]) instanceof Tree) {
        if (!lastI && last.type == type && last.length == length2)
          return last;
        if (lookAheadProp = last.prop(NodeProp.lookAhead))
          lookAhead2 = positions2[lastI] + last.length + lookAheadProp - length2;
      }
      return makeTree(type, children3, positions2, length2, lookAhead2, contextHash2);
    };
  }
  function makeRepeatLeaf(children3, positions2, base, i, from, to, type, lookAhead2, contextHash2) {
    let localChildren = [], localPositions = [];
    while (children3.length > i) {
      localChildren.push(children3.pop());
      localPositions.push(positions2.pop() + base - from);
    }
    children3.push(makeTree(nodeSet.types[type], localChildren, localPositions, to - from, lookAhead2 - to, contextHash2));
    positions2.push(from - base);
  }
  function makeTree(type, children3, positions2, length2, lookAhead2, contextHash2, props) {
    if (contextHash2) {
      let pair2 = [NodeProp.contextHash, contextHash2];
      props = props ? [pair2].concat(props) : [pair2];
    }
    if (lookAhead2 > 25) {
      let pair2 = [NodeProp.lookAhead, lookAhead2];
      props = props ? [pair2].concat(props) : [pair2];
    }
    return new Tree(type, children3, positions2, length2, props);
  }
  function findBufferSize(maxSize, inRepeat) {
    let fork = cursor.fork();
    let size = 0, start = 0, skip = 0, minStart = fork.end - maxBufferLength;
    let result = { size: 0, start: 0, skip: 0 };
    scan: for (let minPos = fork.pos - maxSize; fork.pos > minPos; ) {
      let nodeSize2 = fork.size;
      if (fork.id == inRepeat && nodeSize2 >= 0) {
        result.size = size;
        result.start = start;
        result.skip = skip;
        skip += 4;
        size += 4;
        fork.next();
        continue;
      }
      let startPos = fork.pos - nodeSize2;
      if (nodeSize2 < 0 || startPos < minPos || fork.start < minStart)
        break;
      let localSkipped = fork.id >= minRepeatType ? 4 : 0;
      let nodeStart = fork.start;
      fork.next();
      while (fork.pos > startPos) {
        if (fork.size < 0) {
          if (fork.size == -3 || fork.size == -4)
            localSkipped += 4;
          else
            break scan;
        } else if (fork.id >= minRepeatType) {
          localSkipped += 4;
        }
        fork.next();
      }
      start = nodeStart;
      size += nodeSize2;
      skip += localSkipped;
    }
    if (inRepeat < 0 || size == maxSize) {
      result.size = size;
      result.start = start;
      result.skip = skip;
    }
    return result.size > 4 ? result : void 0;
  }
  function copyToBuffer(bufferStart, buffer2, index) {
    let { id: id2, start, end, size } = cursor;
    cursor.next();
    if (size >= 0 && id2 < minRepeatType) {
      let startIndex = index;
      if (size > 4) {
        let endPos = cursor.pos - (size - 4);
        while (cursor.pos > endPos)
          index = copyToBuffer(bufferStart, buffer2, index);
      }
      buffer2[--index] = startIndex;
      buffer2[--index] = end - bufferStart;
      buffer2[--index] = start - bufferStart;
      buffer2[--index] = id2;
    } else if (size == -3) {
      contextHash = id2;
    } else if (size == -4) {
      lookAhead = id2;
    }
    return index;
  }
  let children2 = [], positions = [];
  while (cursor.pos > 0)
    takeNode(data.start || 0, data.bufferStart || 0, children2, positions, -1, 0);
  let length = (_a = data.length) !== null && _a !== void 0 ? _a : children2.length ? positions[0] + children2[0].length : 0;
  return new Tree(types[data.topID], children2.reverse(), positions.reverse(), length);
}
function nodeSize(balanceType, node) {
  if (!balanceType.isAnonymous || node instanceof TreeBuffer || node.type != balanceType)
    return 1;
  let size = nodeSizeCache.get(node);
  if (size == null) {
    size = 1;
    for (let child of node.children) {
      if (child.type != balanceType || !(child instanceof Tree)) {
        size = 1;
        break;
      }
      size += nodeSize(balanceType, child);
    }
    nodeSizeCache.set(node, size);
  }
  return size;
}
function balanceRange(balanceType, children2, positions, from, to, start, length, mkTop, mkTree) {
  let total = 0;
  for (let i = from; i < to; i++)
    total += nodeSize(balanceType, children2[i]);
  let maxChild = Math.ceil(
    total * 1.5 / 8
    /* Balance.BranchFactor */
  );
  let localChildren = [], localPositions = [];
  function divide(children3, positions2, from2, to2, offset) {
    for (let i = from2; i < to2; ) {
      let groupFrom = i, groupStart = positions2[i], groupSize = nodeSize(balanceType, children3[i]);
      i++;
      for (; i < to2; i++) {
        let nextSize = nodeSize(balanceType, children3[i]);
        if (groupSize + nextSize >= maxChild)
          break;
        groupSize += nextSize;
      }
      if (i == groupFrom + 1) {
        if (groupSize > maxChild) {
          let only = children3[groupFrom];
          divide(only.children, only.positions, 0, only.children.length, positions2[groupFrom] + offset);
          continue;
        }
        localChildren.push(children3[groupFrom]);
      } else {
        let length2 = positions2[i - 1] + children3[i - 1].length - groupStart;
        localChildren.push(balanceRange(balanceType, children3, positions2, groupFrom, i, groupStart, length2, null, mkTree));
      }
      localPositions.push(groupStart + offset - start);
    }
  }
  divide(children2, positions, from, to, 0);
  return (mkTop || mkTree)(localChildren, localPositions, length);
}
var DefaultBufferLength, nextPropID, Range, NodeProp, MountedTree, noProps, NodeType, NodeSet, CachedNode, CachedInnerNode, IterMode, Tree, FlatBufferCursor, TreeBuffer, BaseNode, TreeNode, BufferContext, BufferNode, StackIterator, TreeCursor, nodeSizeCache, Parser, StringInput, stoppedInner;
var init_dist = __esm({
  "node_modules/@lezer/common/dist/index.js"() {
    DefaultBufferLength = 1024;
    nextPropID = 0;
    Range = class {
      constructor(from, to) {
        this.from = from;
        this.to = to;
      }
    };
    NodeProp = class {
      /**
      Create a new node prop type.
      */
      constructor(config = {}) {
        this.id = nextPropID++;
        this.perNode = !!config.perNode;
        this.deserialize = config.deserialize || (() => {
          throw new Error("This node type doesn't define a deserialize function");
        });
        this.combine = config.combine || null;
      }
      /**
      This is meant to be used with
      [`NodeSet.extend`](#common.NodeSet.extend) or
      [`LRParser.configure`](#lr.ParserConfig.props) to compute
      prop values for each node type in the set. Takes a [match
      object](#common.NodeType^match) or function that returns undefined
      if the node type doesn't get this prop, and the prop's value if
      it does.
      */
      add(match) {
        if (this.perNode)
          throw new RangeError("Can't add per-node props to node types");
        if (typeof match != "function")
          match = NodeType.match(match);
        return (type) => {
          let result = match(type);
          return result === void 0 ? null : [this, result];
        };
      }
    };
    NodeProp.closedBy = new NodeProp({ deserialize: (str) => str.split(" ") });
    NodeProp.openedBy = new NodeProp({ deserialize: (str) => str.split(" ") });
    NodeProp.group = new NodeProp({ deserialize: (str) => str.split(" ") });
    NodeProp.isolate = new NodeProp({ deserialize: (value) => {
      if (value && value != "rtl" && value != "ltr" && value != "auto")
        throw new RangeError("Invalid value for isolate: " + value);
      return value || "auto";
    } });
    NodeProp.contextHash = new NodeProp({ perNode: true });
    NodeProp.lookAhead = new NodeProp({ perNode: true });
    NodeProp.mounted = new NodeProp({ perNode: true });
    MountedTree = class {
      constructor(tree, overlay, parser3, bracketed2 = false) {
        this.tree = tree;
        this.overlay = overlay;
        this.parser = parser3;
        this.bracketed = bracketed2;
      }
      /**
      @internal
      */
      static get(tree) {
        return tree && tree.props && tree.props[NodeProp.mounted.id];
      }
    };
    noProps = /* @__PURE__ */ Object.create(null);
    NodeType = class _NodeType {
      /**
      @internal
      */
      constructor(name2, props, id2, flags = 0) {
        this.name = name2;
        this.props = props;
        this.id = id2;
        this.flags = flags;
      }
      /**
      Define a node type.
      */
      static define(spec) {
        let props = spec.props && spec.props.length ? /* @__PURE__ */ Object.create(null) : noProps;
        let flags = (spec.top ? 1 : 0) | (spec.skipped ? 2 : 0) | (spec.error ? 4 : 0) | (spec.name == null ? 8 : 0);
        let type = new _NodeType(spec.name || "", props, spec.id, flags);
        if (spec.props)
          for (let src2 of spec.props) {
            if (!Array.isArray(src2))
              src2 = src2(type);
            if (src2) {
              if (src2[0].perNode)
                throw new RangeError("Can't store a per-node prop on a node type");
              props[src2[0].id] = src2[1];
            }
          }
        return type;
      }
      /**
      Retrieves a node prop for this type. Will return `undefined` if
      the prop isn't present on this node.
      */
      prop(prop) {
        return this.props[prop.id];
      }
      /**
      True when this is the top node of a grammar.
      */
      get isTop() {
        return (this.flags & 1) > 0;
      }
      /**
      True when this node is produced by a skip rule.
      */
      get isSkipped() {
        return (this.flags & 2) > 0;
      }
      /**
      Indicates whether this is an error node.
      */
      get isError() {
        return (this.flags & 4) > 0;
      }
      /**
      When true, this node type doesn't correspond to a user-declared
      named node, for example because it is used to cache repetition.
      */
      get isAnonymous() {
        return (this.flags & 8) > 0;
      }
      /**
      Returns true when this node's name or one of its
      [groups](#common.NodeProp^group) matches the given string.
      */
      is(name2) {
        if (typeof name2 == "string") {
          if (this.name == name2)
            return true;
          let group = this.prop(NodeProp.group);
          return group ? group.indexOf(name2) > -1 : false;
        }
        return this.id == name2;
      }
      /**
      Create a function from node types to arbitrary values by
      specifying an object whose property names are node or
      [group](#common.NodeProp^group) names. Often useful with
      [`NodeProp.add`](#common.NodeProp.add). You can put multiple
      names, separated by spaces, in a single property name to map
      multiple node names to a single value.
      */
      static match(map) {
        let direct = /* @__PURE__ */ Object.create(null);
        for (let prop in map)
          for (let name2 of prop.split(" "))
            direct[name2] = map[prop];
        return (node) => {
          for (let groups = node.prop(NodeProp.group), i = -1; i < (groups ? groups.length : 0); i++) {
            let found = direct[i < 0 ? node.name : groups[i]];
            if (found)
              return found;
          }
        };
      }
    };
    NodeType.none = new NodeType(
      "",
      /* @__PURE__ */ Object.create(null),
      0,
      8
      /* NodeFlag.Anonymous */
    );
    NodeSet = class _NodeSet {
      /**
      Create a set with the given types. The `id` property of each
      type should correspond to its position within the array.
      */
      constructor(types) {
        this.types = types;
        for (let i = 0; i < types.length; i++)
          if (types[i].id != i)
            throw new RangeError("Node type ids should correspond to array positions when creating a node set");
      }
      /**
      Create a copy of this set with some node properties added. The
      arguments to this method can be created with
      [`NodeProp.add`](#common.NodeProp.add).
      */
      extend(...props) {
        let newTypes = [];
        for (let type of this.types) {
          let newProps = null;
          for (let source of props) {
            let add = source(type);
            if (add) {
              if (!newProps)
                newProps = Object.assign({}, type.props);
              let value = add[1], prop = add[0];
              if (prop.combine && prop.id in newProps)
                value = prop.combine(newProps[prop.id], value);
              newProps[prop.id] = value;
            }
          }
          newTypes.push(newProps ? new NodeType(type.name, newProps, type.id, type.flags) : type);
        }
        return new _NodeSet(newTypes);
      }
    };
    CachedNode = /* @__PURE__ */ new WeakMap();
    CachedInnerNode = /* @__PURE__ */ new WeakMap();
    (function(IterMode2) {
      IterMode2[IterMode2["ExcludeBuffers"] = 1] = "ExcludeBuffers";
      IterMode2[IterMode2["IncludeAnonymous"] = 2] = "IncludeAnonymous";
      IterMode2[IterMode2["IgnoreMounts"] = 4] = "IgnoreMounts";
      IterMode2[IterMode2["IgnoreOverlays"] = 8] = "IgnoreOverlays";
      IterMode2[IterMode2["EnterBracketed"] = 16] = "EnterBracketed";
    })(IterMode || (IterMode = {}));
    Tree = class _Tree {
      /**
      Construct a new tree. See also [`Tree.build`](#common.Tree^build).
      */
      constructor(type, children2, positions, length, props) {
        this.type = type;
        this.children = children2;
        this.positions = positions;
        this.length = length;
        this.props = null;
        if (props && props.length) {
          this.props = /* @__PURE__ */ Object.create(null);
          for (let [prop, value] of props)
            this.props[typeof prop == "number" ? prop : prop.id] = value;
        }
      }
      /**
      @internal
      */
      toString() {
        let mounted = MountedTree.get(this);
        if (mounted && !mounted.overlay)
          return mounted.tree.toString();
        let children2 = "";
        for (let ch of this.children) {
          let str = ch.toString();
          if (str) {
            if (children2)
              children2 += ",";
            children2 += str;
          }
        }
        return !this.type.name ? children2 : (/\W/.test(this.type.name) && !this.type.isError ? JSON.stringify(this.type.name) : this.type.name) + (children2.length ? "(" + children2 + ")" : "");
      }
      /**
      Get a [tree cursor](#common.TreeCursor) positioned at the top of
      the tree. Mode can be used to [control](#common.IterMode) which
      nodes the cursor visits.
      */
      cursor(mode = 0) {
        return new TreeCursor(this.topNode, mode);
      }
      /**
      Get a [tree cursor](#common.TreeCursor) pointing into this tree
      at the given position and side (see
      [`moveTo`](#common.TreeCursor.moveTo).
      */
      cursorAt(pos2, side = 0, mode = 0) {
        let scope = CachedNode.get(this) || this.topNode;
        let cursor = new TreeCursor(scope);
        cursor.moveTo(pos2, side);
        CachedNode.set(this, cursor._tree);
        return cursor;
      }
      /**
      Get a [syntax node](#common.SyntaxNode) object for the top of the
      tree.
      */
      get topNode() {
        return new TreeNode(this, 0, 0, null);
      }
      /**
      Get the [syntax node](#common.SyntaxNode) at the given position.
      If `side` is -1, this will move into nodes that end at the
      position. If 1, it'll move into nodes that start at the
      position. With 0, it'll only enter nodes that cover the position
      from both sides.
      
      Note that this will not enter
      [overlays](#common.MountedTree.overlay), and you often want
      [`resolveInner`](#common.Tree.resolveInner) instead.
      */
      resolve(pos2, side = 0) {
        let node = resolveNode(CachedNode.get(this) || this.topNode, pos2, side, false);
        CachedNode.set(this, node);
        return node;
      }
      /**
      Like [`resolve`](#common.Tree.resolve), but will enter
      [overlaid](#common.MountedTree.overlay) nodes, producing a syntax node
      pointing into the innermost overlaid tree at the given position
      (with parent links going through all parent structure, including
      the host trees).
      */
      resolveInner(pos2, side = 0) {
        let node = resolveNode(CachedInnerNode.get(this) || this.topNode, pos2, side, true);
        CachedInnerNode.set(this, node);
        return node;
      }
      /**
      In some situations, it can be useful to iterate through all
      nodes around a position, including those in overlays that don't
      directly cover the position. This method gives you an iterator
      that will produce all nodes, from small to big, around the given
      position.
      */
      resolveStack(pos2, side = 0) {
        return stackIterator(this, pos2, side);
      }
      /**
      Iterate over the tree and its children, calling `enter` for any
      node that touches the `from`/`to` region (if given) before
      running over such a node's children, and `leave` (if given) when
      leaving the node. When `enter` returns `false`, that node will
      not have its children iterated over (or `leave` called).
      */
      iterate(spec) {
        let { enter, leave, from = 0, to = this.length } = spec;
        let mode = spec.mode || 0, anon = (mode & IterMode.IncludeAnonymous) > 0;
        for (let c = this.cursor(mode | IterMode.IncludeAnonymous); ; ) {
          let entered = false;
          if (c.from <= to && c.to >= from && (!anon && c.type.isAnonymous || enter(c) !== false)) {
            if (c.firstChild())
              continue;
            entered = true;
          }
          for (; ; ) {
            if (entered && leave && (anon || !c.type.isAnonymous))
              leave(c);
            if (c.nextSibling())
              break;
            if (!c.parent())
              return;
            entered = true;
          }
        }
      }
      /**
      Get the value of the given [node prop](#common.NodeProp) for this
      node. Works with both per-node and per-type props.
      */
      prop(prop) {
        return !prop.perNode ? this.type.prop(prop) : this.props ? this.props[prop.id] : void 0;
      }
      /**
      Returns the node's [per-node props](#common.NodeProp.perNode) in a
      format that can be passed to the [`Tree`](#common.Tree)
      constructor.
      */
      get propValues() {
        let result = [];
        if (this.props)
          for (let id2 in this.props)
            result.push([+id2, this.props[id2]]);
        return result;
      }
      /**
      Balance the direct children of this tree, producing a copy of
      which may have children grouped into subtrees with type
      [`NodeType.none`](#common.NodeType^none).
      */
      balance(config = {}) {
        return this.children.length <= 8 ? this : balanceRange(NodeType.none, this.children, this.positions, 0, this.children.length, 0, this.length, (children2, positions, length) => new _Tree(this.type, children2, positions, length, this.propValues), config.makeTree || ((children2, positions, length) => new _Tree(NodeType.none, children2, positions, length)));
      }
      /**
      Build a tree from a postfix-ordered buffer of node information,
      or a cursor over such a buffer.
      */
      static build(data) {
        return buildTree(data);
      }
    };
    Tree.empty = new Tree(NodeType.none, [], [], 0);
    FlatBufferCursor = class _FlatBufferCursor {
      constructor(buffer, index) {
        this.buffer = buffer;
        this.index = index;
      }
      get id() {
        return this.buffer[this.index - 4];
      }
      get start() {
        return this.buffer[this.index - 3];
      }
      get end() {
        return this.buffer[this.index - 2];
      }
      get size() {
        return this.buffer[this.index - 1];
      }
      get pos() {
        return this.index;
      }
      next() {
        this.index -= 4;
      }
      fork() {
        return new _FlatBufferCursor(this.buffer, this.index);
      }
    };
    TreeBuffer = class _TreeBuffer {
      /**
      Create a tree buffer.
      */
      constructor(buffer, length, set) {
        this.buffer = buffer;
        this.length = length;
        this.set = set;
      }
      /**
      @internal
      */
      get type() {
        return NodeType.none;
      }
      /**
      @internal
      */
      toString() {
        let result = [];
        for (let index = 0; index < this.buffer.length; ) {
          result.push(this.childString(index));
          index = this.buffer[index + 3];
        }
        return result.join(",");
      }
      /**
      @internal
      */
      childString(index) {
        let id2 = this.buffer[index], endIndex = this.buffer[index + 3];
        let type = this.set.types[id2], result = type.name;
        if (/\W/.test(result) && !type.isError)
          result = JSON.stringify(result);
        index += 4;
        if (endIndex == index)
          return result;
        let children2 = [];
        while (index < endIndex) {
          children2.push(this.childString(index));
          index = this.buffer[index + 3];
        }
        return result + "(" + children2.join(",") + ")";
      }
      /**
      @internal
      */
      findChild(startIndex, endIndex, dir, pos2, side) {
        let { buffer } = this, pick = -1;
        for (let i = startIndex; i != endIndex; i = buffer[i + 3]) {
          if (checkSide(side, pos2, buffer[i + 1], buffer[i + 2])) {
            pick = i;
            if (dir > 0)
              break;
          }
        }
        return pick;
      }
      /**
      @internal
      */
      slice(startI, endI, from) {
        let b = this.buffer;
        let copy = new Uint16Array(endI - startI), len = 0;
        for (let i = startI, j = 0; i < endI; ) {
          copy[j++] = b[i++];
          copy[j++] = b[i++] - from;
          let to = copy[j++] = b[i++] - from;
          copy[j++] = b[i++] - startI;
          len = Math.max(len, to);
        }
        return new _TreeBuffer(copy, len, this.set);
      }
    };
    BaseNode = class {
      cursor(mode = 0) {
        return new TreeCursor(this, mode);
      }
      getChild(type, before = null, after = null) {
        let r = getChildren(this, type, before, after);
        return r.length ? r[0] : null;
      }
      getChildren(type, before = null, after = null) {
        return getChildren(this, type, before, after);
      }
      resolve(pos2, side = 0) {
        return resolveNode(this, pos2, side, false);
      }
      resolveInner(pos2, side = 0) {
        return resolveNode(this, pos2, side, true);
      }
      matchContext(context) {
        return matchNodeContext(this.parent, context);
      }
      enterUnfinishedNodesBefore(pos2) {
        let scan = this.childBefore(pos2), node = this;
        while (scan) {
          let last = scan.lastChild;
          if (!last || last.to != scan.to)
            break;
          if (last.type.isError && last.from == last.to) {
            node = scan;
            scan = last.prevSibling;
          } else {
            scan = last;
          }
        }
        return node;
      }
      get node() {
        return this;
      }
      get next() {
        return this.parent;
      }
    };
    TreeNode = class _TreeNode extends BaseNode {
      constructor(_tree, from, index, _parent) {
        super();
        this._tree = _tree;
        this.from = from;
        this.index = index;
        this._parent = _parent;
      }
      get type() {
        return this._tree.type;
      }
      get name() {
        return this._tree.type.name;
      }
      get to() {
        return this.from + this._tree.length;
      }
      nextChild(i, dir, pos2, side, mode = 0) {
        for (let parent = this; ; ) {
          for (let { children: children2, positions } = parent._tree, e = dir > 0 ? children2.length : -1; i != e; i += dir) {
            let next = children2[i], start = positions[i] + parent.from, mounted;
            if (!(mode & IterMode.EnterBracketed && next instanceof Tree && (mounted = MountedTree.get(next)) && !mounted.overlay && mounted.bracketed && pos2 >= start && pos2 <= start + next.length) && !checkSide(side, pos2, start, start + next.length))
              continue;
            if (next instanceof TreeBuffer) {
              if (mode & IterMode.ExcludeBuffers)
                continue;
              let index = next.findChild(0, next.buffer.length, dir, pos2 - start, side);
              if (index > -1)
                return new BufferNode(new BufferContext(parent, next, i, start), null, index);
            } else if (mode & IterMode.IncludeAnonymous || (!next.type.isAnonymous || hasChild(next))) {
              let mounted2;
              if (!(mode & IterMode.IgnoreMounts) && (mounted2 = MountedTree.get(next)) && !mounted2.overlay)
                return new _TreeNode(mounted2.tree, start, i, parent);
              let inner = new _TreeNode(next, start, i, parent);
              return mode & IterMode.IncludeAnonymous || !inner.type.isAnonymous ? inner : inner.nextChild(dir < 0 ? next.children.length - 1 : 0, dir, pos2, side, mode);
            }
          }
          if (mode & IterMode.IncludeAnonymous || !parent.type.isAnonymous)
            return null;
          if (parent.index >= 0)
            i = parent.index + dir;
          else
            i = dir < 0 ? -1 : parent._parent._tree.children.length;
          parent = parent._parent;
          if (!parent)
            return null;
        }
      }
      get firstChild() {
        return this.nextChild(
          0,
          1,
          0,
          4
          /* Side.DontCare */
        );
      }
      get lastChild() {
        return this.nextChild(
          this._tree.children.length - 1,
          -1,
          0,
          4
          /* Side.DontCare */
        );
      }
      childAfter(pos2) {
        return this.nextChild(
          0,
          1,
          pos2,
          2
          /* Side.After */
        );
      }
      childBefore(pos2) {
        return this.nextChild(
          this._tree.children.length - 1,
          -1,
          pos2,
          -2
          /* Side.Before */
        );
      }
      prop(prop) {
        return this._tree.prop(prop);
      }
      enter(pos2, side, mode = 0) {
        let mounted;
        if (!(mode & IterMode.IgnoreOverlays) && (mounted = MountedTree.get(this._tree)) && mounted.overlay) {
          let rPos = pos2 - this.from, enterBracketed = mode & IterMode.EnterBracketed && mounted.bracketed;
          for (let { from, to } of mounted.overlay) {
            if ((side > 0 || enterBracketed ? from <= rPos : from < rPos) && (side < 0 || enterBracketed ? to >= rPos : to > rPos))
              return new _TreeNode(mounted.tree, mounted.overlay[0].from + this.from, -1, this);
          }
        }
        return this.nextChild(0, 1, pos2, side, mode);
      }
      nextSignificantParent() {
        let val = this;
        while (val.type.isAnonymous && val._parent)
          val = val._parent;
        return val;
      }
      get parent() {
        return this._parent ? this._parent.nextSignificantParent() : null;
      }
      get nextSibling() {
        return this._parent && this.index >= 0 ? this._parent.nextChild(
          this.index + 1,
          1,
          0,
          4
          /* Side.DontCare */
        ) : null;
      }
      get prevSibling() {
        return this._parent && this.index >= 0 ? this._parent.nextChild(
          this.index - 1,
          -1,
          0,
          4
          /* Side.DontCare */
        ) : null;
      }
      get tree() {
        return this._tree;
      }
      toTree() {
        return this._tree;
      }
      /**
      @internal
      */
      toString() {
        return this._tree.toString();
      }
    };
    BufferContext = class {
      constructor(parent, buffer, index, start) {
        this.parent = parent;
        this.buffer = buffer;
        this.index = index;
        this.start = start;
      }
    };
    BufferNode = class _BufferNode extends BaseNode {
      get name() {
        return this.type.name;
      }
      get from() {
        return this.context.start + this.context.buffer.buffer[this.index + 1];
      }
      get to() {
        return this.context.start + this.context.buffer.buffer[this.index + 2];
      }
      constructor(context, _parent, index) {
        super();
        this.context = context;
        this._parent = _parent;
        this.index = index;
        this.type = context.buffer.set.types[context.buffer.buffer[index]];
      }
      child(dir, pos2, side) {
        let { buffer } = this.context;
        let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], dir, pos2 - this.context.start, side);
        return index < 0 ? null : new _BufferNode(this.context, this, index);
      }
      get firstChild() {
        return this.child(
          1,
          0,
          4
          /* Side.DontCare */
        );
      }
      get lastChild() {
        return this.child(
          -1,
          0,
          4
          /* Side.DontCare */
        );
      }
      childAfter(pos2) {
        return this.child(
          1,
          pos2,
          2
          /* Side.After */
        );
      }
      childBefore(pos2) {
        return this.child(
          -1,
          pos2,
          -2
          /* Side.Before */
        );
      }
      prop(prop) {
        return this.type.prop(prop);
      }
      enter(pos2, side, mode = 0) {
        if (mode & IterMode.ExcludeBuffers)
          return null;
        let { buffer } = this.context;
        let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], side > 0 ? 1 : -1, pos2 - this.context.start, side);
        return index < 0 ? null : new _BufferNode(this.context, this, index);
      }
      get parent() {
        return this._parent || this.context.parent.nextSignificantParent();
      }
      externalSibling(dir) {
        return this._parent ? null : this.context.parent.nextChild(
          this.context.index + dir,
          dir,
          0,
          4
          /* Side.DontCare */
        );
      }
      get nextSibling() {
        let { buffer } = this.context;
        let after = buffer.buffer[this.index + 3];
        if (after < (this._parent ? buffer.buffer[this._parent.index + 3] : buffer.buffer.length))
          return new _BufferNode(this.context, this._parent, after);
        return this.externalSibling(1);
      }
      get prevSibling() {
        let { buffer } = this.context;
        let parentStart = this._parent ? this._parent.index + 4 : 0;
        if (this.index == parentStart)
          return this.externalSibling(-1);
        return new _BufferNode(this.context, this._parent, buffer.findChild(
          parentStart,
          this.index,
          -1,
          0,
          4
          /* Side.DontCare */
        ));
      }
      get tree() {
        return null;
      }
      toTree() {
        let children2 = [], positions = [];
        let { buffer } = this.context;
        let startI = this.index + 4, endI = buffer.buffer[this.index + 3];
        if (endI > startI) {
          let from = buffer.buffer[this.index + 1];
          children2.push(buffer.slice(startI, endI, from));
          positions.push(0);
        }
        return new Tree(this.type, children2, positions, this.to - this.from);
      }
      /**
      @internal
      */
      toString() {
        return this.context.buffer.childString(this.index);
      }
    };
    StackIterator = class {
      constructor(heads2, node) {
        this.heads = heads2;
        this.node = node;
      }
      get next() {
        return iterStack(this.heads);
      }
    };
    TreeCursor = class {
      /**
      Shorthand for `.type.name`.
      */
      get name() {
        return this.type.name;
      }
      /**
      @internal
      */
      constructor(node, mode = 0) {
        this.buffer = null;
        this.stack = [];
        this.index = 0;
        this.bufferNode = null;
        this.mode = mode & ~IterMode.EnterBracketed;
        if (node instanceof TreeNode) {
          this.yieldNode(node);
        } else {
          this._tree = node.context.parent;
          this.buffer = node.context;
          for (let n = node._parent; n; n = n._parent)
            this.stack.unshift(n.index);
          this.bufferNode = node;
          this.yieldBuf(node.index);
        }
      }
      yieldNode(node) {
        if (!node)
          return false;
        this._tree = node;
        this.type = node.type;
        this.from = node.from;
        this.to = node.to;
        return true;
      }
      yieldBuf(index, type) {
        this.index = index;
        let { start, buffer } = this.buffer;
        this.type = type || buffer.set.types[buffer.buffer[index]];
        this.from = start + buffer.buffer[index + 1];
        this.to = start + buffer.buffer[index + 2];
        return true;
      }
      /**
      @internal
      */
      yield(node) {
        if (!node)
          return false;
        if (node instanceof TreeNode) {
          this.buffer = null;
          return this.yieldNode(node);
        }
        this.buffer = node.context;
        return this.yieldBuf(node.index, node.type);
      }
      /**
      @internal
      */
      toString() {
        return this.buffer ? this.buffer.buffer.childString(this.index) : this._tree.toString();
      }
      /**
      @internal
      */
      enterChild(dir, pos2, side) {
        if (!this.buffer)
          return this.yield(this._tree.nextChild(dir < 0 ? this._tree._tree.children.length - 1 : 0, dir, pos2, side, this.mode));
        let { buffer } = this.buffer;
        let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], dir, pos2 - this.buffer.start, side);
        if (index < 0)
          return false;
        this.stack.push(this.index);
        return this.yieldBuf(index);
      }
      /**
      Move the cursor to this node's first child. When this returns
      false, the node has no child, and the cursor has not been moved.
      */
      firstChild() {
        return this.enterChild(
          1,
          0,
          4
          /* Side.DontCare */
        );
      }
      /**
      Move the cursor to this node's last child.
      */
      lastChild() {
        return this.enterChild(
          -1,
          0,
          4
          /* Side.DontCare */
        );
      }
      /**
      Move the cursor to the first child that ends after `pos`.
      */
      childAfter(pos2) {
        return this.enterChild(
          1,
          pos2,
          2
          /* Side.After */
        );
      }
      /**
      Move to the last child that starts before `pos`.
      */
      childBefore(pos2) {
        return this.enterChild(
          -1,
          pos2,
          -2
          /* Side.Before */
        );
      }
      /**
      Move the cursor to the child around `pos`. If side is -1 the
      child may end at that position, when 1 it may start there. This
      will also enter [overlaid](#common.MountedTree.overlay)
      [mounted](#common.NodeProp^mounted) trees unless `overlays` is
      set to false.
      */
      enter(pos2, side, mode = this.mode) {
        if (!this.buffer)
          return this.yield(this._tree.enter(pos2, side, mode));
        return mode & IterMode.ExcludeBuffers ? false : this.enterChild(1, pos2, side);
      }
      /**
      Move to the node's parent node, if this isn't the top node.
      */
      parent() {
        if (!this.buffer)
          return this.yieldNode(this.mode & IterMode.IncludeAnonymous ? this._tree._parent : this._tree.parent);
        if (this.stack.length)
          return this.yieldBuf(this.stack.pop());
        let parent = this.mode & IterMode.IncludeAnonymous ? this.buffer.parent : this.buffer.parent.nextSignificantParent();
        this.buffer = null;
        return this.yieldNode(parent);
      }
      /**
      @internal
      */
      sibling(dir) {
        if (!this.buffer)
          return !this._tree._parent ? false : this.yield(this._tree.index < 0 ? null : this._tree._parent.nextChild(this._tree.index + dir, dir, 0, 4, this.mode));
        let { buffer } = this.buffer, d = this.stack.length - 1;
        if (dir < 0) {
          let parentStart = d < 0 ? 0 : this.stack[d] + 4;
          if (this.index != parentStart)
            return this.yieldBuf(buffer.findChild(
              parentStart,
              this.index,
              -1,
              0,
              4
              /* Side.DontCare */
            ));
        } else {
          let after = buffer.buffer[this.index + 3];
          if (after < (d < 0 ? buffer.buffer.length : buffer.buffer[this.stack[d] + 3]))
            return this.yieldBuf(after);
        }
        return d < 0 ? this.yield(this.buffer.parent.nextChild(this.buffer.index + dir, dir, 0, 4, this.mode)) : false;
      }
      /**
      Move to this node's next sibling, if any.
      */
      nextSibling() {
        return this.sibling(1);
      }
      /**
      Move to this node's previous sibling, if any.
      */
      prevSibling() {
        return this.sibling(-1);
      }
      atLastNode(dir) {
        let index, parent, { buffer } = this;
        if (buffer) {
          if (dir > 0) {
            if (this.index < buffer.buffer.buffer.length)
              return false;
          } else {
            for (let i = 0; i < this.index; i++)
              if (buffer.buffer.buffer[i + 3] < this.index)
                return false;
          }
          ({ index, parent } = buffer);
        } else {
          ({ index, _parent: parent } = this._tree);
        }
        for (; parent; { index, _parent: parent } = parent) {
          if (index > -1)
            for (let i = index + dir, e = dir < 0 ? -1 : parent._tree.children.length; i != e; i += dir) {
              let child = parent._tree.children[i];
              if (this.mode & IterMode.IncludeAnonymous || child instanceof TreeBuffer || !child.type.isAnonymous || hasChild(child))
                return false;
            }
        }
        return true;
      }
      move(dir, enter) {
        if (enter && this.enterChild(
          dir,
          0,
          4
          /* Side.DontCare */
        ))
          return true;
        for (; ; ) {
          if (this.sibling(dir))
            return true;
          if (this.atLastNode(dir) || !this.parent())
            return false;
        }
      }
      /**
      Move to the next node in a
      [pre-order](https://en.wikipedia.org/wiki/Tree_traversal#Pre-order,_NLR)
      traversal, going from a node to its first child or, if the
      current node is empty or `enter` is false, its next sibling or
      the next sibling of the first parent node that has one.
      */
      next(enter = true) {
        return this.move(1, enter);
      }
      /**
      Move to the next node in a last-to-first pre-order traversal. A
      node is followed by its last child or, if it has none, its
      previous sibling or the previous sibling of the first parent
      node that has one.
      */
      prev(enter = true) {
        return this.move(-1, enter);
      }
      /**
      Move the cursor to the innermost node that covers `pos`. If
      `side` is -1, it will enter nodes that end at `pos`. If it is 1,
      it will enter nodes that start at `pos`.
      */
      moveTo(pos2, side = 0) {
        while (this.from == this.to || (side < 1 ? this.from >= pos2 : this.from > pos2) || (side > -1 ? this.to <= pos2 : this.to < pos2))
          if (!this.parent())
            break;
        while (this.enterChild(1, pos2, side)) {
        }
        return this;
      }
      /**
      Get a [syntax node](#common.SyntaxNode) at the cursor's current
      position.
      */
      get node() {
        if (!this.buffer)
          return this._tree;
        let cache = this.bufferNode, result = null, depth = 0;
        if (cache && cache.context == this.buffer) {
          scan: for (let index = this.index, d = this.stack.length; d >= 0; ) {
            for (let c = cache; c; c = c._parent)
              if (c.index == index) {
                if (index == this.index)
                  return c;
                result = c;
                depth = d + 1;
                break scan;
              }
            index = this.stack[--d];
          }
        }
        for (let i = depth; i < this.stack.length; i++)
          result = new BufferNode(this.buffer, result, this.stack[i]);
        return this.bufferNode = new BufferNode(this.buffer, result, this.index);
      }
      /**
      Get the [tree](#common.Tree) that represents the current node, if
      any. Will return null when the node is in a [tree
      buffer](#common.TreeBuffer).
      */
      get tree() {
        return this.buffer ? null : this._tree._tree;
      }
      /**
      Iterate over the current node and all its descendants, calling
      `enter` when entering a node and `leave`, if given, when leaving
      one. When `enter` returns `false`, any children of that node are
      skipped, and `leave` isn't called for it.
      */
      iterate(enter, leave) {
        for (let depth = 0; ; ) {
          let mustLeave = false;
          if (this.type.isAnonymous || enter(this) !== false) {
            if (this.firstChild()) {
              depth++;
              continue;
            }
            if (!this.type.isAnonymous)
              mustLeave = true;
          }
          for (; ; ) {
            if (mustLeave && leave)
              leave(this);
            mustLeave = this.type.isAnonymous;
            if (!depth)
              return;
            if (this.nextSibling())
              break;
            this.parent();
            depth--;
            mustLeave = true;
          }
        }
      }
      /**
      Test whether the current node matches a given context—a sequence
      of direct parent node names. Empty strings in the context array
      are treated as wildcards.
      */
      matchContext(context) {
        if (!this.buffer)
          return matchNodeContext(this.node.parent, context);
        let { buffer } = this.buffer, { types } = buffer.set;
        for (let i = context.length - 1, d = this.stack.length - 1; i >= 0; d--) {
          if (d < 0)
            return matchNodeContext(this._tree, context, i);
          let type = types[buffer.buffer[this.stack[d]]];
          if (!type.isAnonymous) {
            if (context[i] && context[i] != type.name)
              return false;
            i--;
          }
        }
        return true;
      }
    };
    nodeSizeCache = /* @__PURE__ */ new WeakMap();
    Parser = class {
      /**
      Start a parse, returning a [partial parse](#common.PartialParse)
      object. [`fragments`](#common.TreeFragment) can be passed in to
      make the parse incremental.
      
      By default, the entire input is parsed. You can pass `ranges`,
      which should be a sorted array of non-empty, non-overlapping
      ranges, to parse only those ranges. The tree returned in that
      case will start at `ranges[0].from`.
      */
      startParse(input, fragments, ranges) {
        if (typeof input == "string")
          input = new StringInput(input);
        ranges = !ranges ? [new Range(0, input.length)] : ranges.length ? ranges.map((r) => new Range(r.from, r.to)) : [new Range(0, 0)];
        return this.createParse(input, fragments || [], ranges);
      }
      /**
      Run a full parse, returning the resulting tree.
      */
      parse(input, fragments, ranges) {
        let parse3 = this.startParse(input, fragments, ranges);
        for (; ; ) {
          let done = parse3.advance();
          if (done)
            return done;
        }
      }
    };
    StringInput = class {
      constructor(string2) {
        this.string = string2;
      }
      get length() {
        return this.string.length;
      }
      chunk(from) {
        return this.string.slice(from);
      }
      get lineChunks() {
        return false;
      }
      read(from, to) {
        return this.string.slice(from, to);
      }
    };
    stoppedInner = new NodeProp({ perNode: true });
  }
});

// node_modules/@lezer/lr/dist/index.js
function decodeArray(input, Type = Uint16Array) {
  if (typeof input != "string")
    return input;
  let array = null;
  for (let pos2 = 0, out = 0; pos2 < input.length; ) {
    let value = 0;
    for (; ; ) {
      let next = input.charCodeAt(pos2++), stop = false;
      if (next == 126) {
        value = 65535;
        break;
      }
      if (next >= 92)
        next--;
      if (next >= 34)
        next--;
      let digit = next - 32;
      if (digit >= 46) {
        digit -= 46;
        stop = true;
      }
      value += digit;
      if (stop)
        break;
      value *= 46;
    }
    if (array)
      array[out++] = value;
    else
      array = new Type(value);
  }
  return array;
}
function readToken(data, input, stack, group, precTable, precOffset) {
  let state = 0, groupMask = 1 << group, { dialect } = stack.p.parser;
  scan: for (; ; ) {
    if ((groupMask & data[state]) == 0)
      break;
    let accEnd = data[state + 1];
    for (let i = state + 3; i < accEnd; i += 2)
      if ((data[i + 1] & groupMask) > 0) {
        let term = data[i];
        if (dialect.allows(term) && (input.token.value == -1 || input.token.value == term || overrides(term, input.token.value, precTable, precOffset))) {
          input.acceptToken(term);
          break;
        }
      }
    let next = input.next, low = 0, high = data[state + 2];
    if (input.next < 0 && high > low && data[accEnd + high * 3 - 3] == 65535) {
      state = data[accEnd + high * 3 - 1];
      continue scan;
    }
    for (; low < high; ) {
      let mid = low + high >> 1;
      let index = accEnd + mid + (mid << 1);
      let from = data[index], to = data[index + 1] || 65536;
      if (next < from)
        high = mid;
      else if (next >= to)
        low = mid + 1;
      else {
        state = data[index + 2];
        input.advance();
        continue scan;
      }
    }
    break;
  }
}
function findOffset(data, start, term) {
  for (let i = start, next; (next = data[i]) != 65535; i++)
    if (next == term)
      return i - start;
  return -1;
}
function overrides(token, prev, tableData, tableOffset) {
  let iPrev = findOffset(tableData, tableOffset, prev);
  return iPrev < 0 || findOffset(tableData, tableOffset, token) < iPrev;
}
function cutAt(tree, pos2, side) {
  let cursor = tree.cursor(IterMode.IncludeAnonymous);
  cursor.moveTo(pos2);
  for (; ; ) {
    if (!(side < 0 ? cursor.childBefore(pos2) : cursor.childAfter(pos2)))
      for (; ; ) {
        if ((side < 0 ? cursor.to < pos2 : cursor.from > pos2) && !cursor.type.isError)
          return side < 0 ? Math.max(0, Math.min(
            cursor.to - 1,
            pos2 - 25
            /* Lookahead.Margin */
          )) : Math.min(tree.length, Math.max(
            cursor.from + 1,
            pos2 + 25
            /* Lookahead.Margin */
          ));
        if (side < 0 ? cursor.prevSibling() : cursor.nextSibling())
          break;
        if (!cursor.parent())
          return side < 0 ? 0 : tree.length;
      }
  }
}
function pushStackDedup(stack, newStacks) {
  for (let i = 0; i < newStacks.length; i++) {
    let other = newStacks[i];
    if (other.pos == stack.pos && other.sameState(stack)) {
      if (newStacks[i].score < stack.score)
        newStacks[i] = stack;
      return;
    }
  }
  newStacks.push(stack);
}
function pair(data, off) {
  return data[off] | data[off + 1] << 16;
}
function findFinished(stacks) {
  let best = null;
  for (let stack of stacks) {
    let stopped = stack.p.stoppedAt;
    if ((stack.pos == stack.p.stream.end || stopped != null && stack.pos > stopped) && stack.p.parser.stateFlag(
      stack.state,
      2
      /* StateFlag.Accepting */
    ) && (!best || best.score < stack.score))
      best = stack;
  }
  return best;
}
function getSpecializer(spec) {
  if (spec.external) {
    let mask = spec.extend ? 1 : 0;
    return (value, stack) => spec.external(value, stack) << 1 | mask;
  }
  return spec.get;
}
var Stack, StackContext, SimulatedStack, StackBufferCursor, CachedToken, nullToken, InputStream, TokenGroup, LocalTokenGroup, ExternalTokenizer, verbose, stackIDs, FragmentCursor, TokenCache, Parse, Dialect, id, ContextTracker, LRParser;
var init_dist2 = __esm({
  "node_modules/@lezer/lr/dist/index.js"() {
    init_dist();
    Stack = class _Stack {
      /**
      @internal
      */
      constructor(p, stack, state, reducePos, pos2, score, buffer, bufferBase, curContext, lookAhead = 0, parent) {
        this.p = p;
        this.stack = stack;
        this.state = state;
        this.reducePos = reducePos;
        this.pos = pos2;
        this.score = score;
        this.buffer = buffer;
        this.bufferBase = bufferBase;
        this.curContext = curContext;
        this.lookAhead = lookAhead;
        this.parent = parent;
      }
      /**
      @internal
      */
      toString() {
        return `[${this.stack.filter((_, i) => i % 3 == 0).concat(this.state)}]@${this.pos}${this.score ? "!" + this.score : ""}`;
      }
      // Start an empty stack
      /**
      @internal
      */
      static start(p, state, pos2 = 0) {
        let cx = p.parser.context;
        return new _Stack(p, [], state, pos2, pos2, 0, [], 0, cx ? new StackContext(cx, cx.start) : null, 0, null);
      }
      /**
      The stack's current [context](#lr.ContextTracker) value, if
      any. Its type will depend on the context tracker's type
      parameter, or it will be `null` if there is no context
      tracker.
      */
      get context() {
        return this.curContext ? this.curContext.context : null;
      }
      // Push a state onto the stack, tracking its start position as well
      // as the buffer base at that point.
      /**
      @internal
      */
      pushState(state, start) {
        this.stack.push(this.state, start, this.bufferBase + this.buffer.length);
        this.state = state;
      }
      // Apply a reduce action
      /**
      @internal
      */
      reduce(action) {
        var _a;
        let depth = action >> 19, type = action & 65535;
        let { parser: parser3 } = this.p;
        let lookaheadRecord = this.reducePos < this.pos - 25 && this.setLookAhead(this.pos);
        let dPrec = parser3.dynamicPrecedence(type);
        if (dPrec)
          this.score += dPrec;
        if (depth == 0) {
          if (type < parser3.minRepeatTerm && this.reducePos < this.pos)
            this.reducePos = this.pos;
          this.pushState(parser3.getGoto(this.state, type, true), this.reducePos);
          if (type < parser3.minRepeatTerm)
            this.storeNode(type, this.reducePos, this.reducePos, lookaheadRecord ? 8 : 4, true);
          this.reduceContext(type, this.reducePos);
          return;
        }
        let base = this.stack.length - (depth - 1) * 3 - (action & 262144 ? 6 : 0);
        let start = base ? this.stack[base - 2] : this.p.ranges[0].from;
        if (type < parser3.minRepeatTerm && start == this.reducePos && this.reducePos < this.pos)
          this.reducePos = this.pos;
        let size = this.reducePos - start;
        if (size >= 2e3 && !((_a = this.p.parser.nodeSet.types[type]) === null || _a === void 0 ? void 0 : _a.isAnonymous)) {
          if (start == this.p.lastBigReductionStart) {
            this.p.bigReductionCount++;
            this.p.lastBigReductionSize = size;
          } else if (this.p.lastBigReductionSize < size) {
            this.p.bigReductionCount = 1;
            this.p.lastBigReductionStart = start;
            this.p.lastBigReductionSize = size;
          }
        }
        let bufferBase = base ? this.stack[base - 1] : 0, count = this.bufferBase + this.buffer.length - bufferBase;
        if (type < parser3.minRepeatTerm || action & 131072) {
          let pos2 = parser3.stateFlag(
            this.state,
            1
            /* StateFlag.Skipped */
          ) ? this.pos : this.reducePos;
          this.storeNode(type, start, pos2, count + 4, true);
        }
        if (action & 262144) {
          this.state = this.stack[base];
        } else {
          let baseStateID = this.stack[base - 3];
          this.state = parser3.getGoto(baseStateID, type, true);
        }
        while (this.stack.length > base)
          this.stack.pop();
        this.reduceContext(type, start);
      }
      // Shift a value into the buffer
      /**
      @internal
      */
      storeNode(term, start, end, size = 4, mustSink = false) {
        if (term == 0 && (!this.stack.length || this.stack[this.stack.length - 1] < this.buffer.length + this.bufferBase)) {
          let top = this.buffer.length;
          if (top > 0 && this.buffer[top - 4] == 0 && this.buffer[top - 1] > -1) {
            if (start == end)
              return;
            if (this.buffer[top - 2] >= start) {
              this.buffer[top - 2] = end;
              return;
            }
          }
        }
        if (!mustSink || this.pos == end) {
          this.buffer.push(term, start, end, size);
        } else {
          let index = this.buffer.length;
          if (index > 0 && (this.buffer[index - 4] != 0 || this.buffer[index - 1] < 0)) {
            let mustMove = false;
            for (let scan = index; scan > 0 && this.buffer[scan - 2] > end; scan -= 4) {
              if (this.buffer[scan - 1] >= 0) {
                mustMove = true;
                break;
              }
            }
            if (mustMove)
              while (index > 0 && this.buffer[index - 2] > end) {
                this.buffer[index] = this.buffer[index - 4];
                this.buffer[index + 1] = this.buffer[index - 3];
                this.buffer[index + 2] = this.buffer[index - 2];
                this.buffer[index + 3] = this.buffer[index - 1];
                index -= 4;
                if (size > 4)
                  size -= 4;
              }
          }
          this.buffer[index] = term;
          this.buffer[index + 1] = start;
          this.buffer[index + 2] = end;
          this.buffer[index + 3] = size;
        }
      }
      // Apply a shift action
      /**
      @internal
      */
      shift(action, type, start, end) {
        if (action & 131072) {
          this.pushState(action & 65535, this.pos);
        } else if ((action & 262144) == 0) {
          let nextState = action, { parser: parser3 } = this.p;
          this.pos = end;
          let skipped = parser3.stateFlag(
            nextState,
            1
            /* StateFlag.Skipped */
          );
          if (!skipped && (end > start || type <= parser3.maxNode))
            this.reducePos = end;
          this.pushState(nextState, skipped ? start : Math.min(start, this.reducePos));
          this.shiftContext(type, start);
          if (type <= parser3.maxNode)
            this.buffer.push(type, start, end, 4);
        } else {
          this.pos = end;
          this.shiftContext(type, start);
          if (type <= this.p.parser.maxNode)
            this.buffer.push(type, start, end, 4);
        }
      }
      // Apply an action
      /**
      @internal
      */
      apply(action, next, nextStart, nextEnd) {
        if (action & 65536)
          this.reduce(action);
        else
          this.shift(action, next, nextStart, nextEnd);
      }
      // Add a prebuilt (reused) node into the buffer.
      /**
      @internal
      */
      useNode(value, next, start) {
        let index = this.p.reused.length - 1;
        if (index < 0 || this.p.reused[index] != value) {
          this.p.reused.push(value);
          index++;
        }
        let end = this.reducePos = this.pos = start + value.length;
        this.pushState(next, start);
        this.buffer.push(
          index,
          start,
          end,
          -1
          /* size == -1 means this is a reused value */
        );
        if (this.curContext)
          this.updateContext(this.curContext.tracker.reuse(this.curContext.context, value, this, this.p.stream.reset(this.pos - value.length)));
      }
      // Split the stack. Due to the buffer sharing and the fact
      // that `this.stack` tends to stay quite shallow, this isn't very
      // expensive.
      /**
      @internal
      */
      split() {
        let parent = this;
        let off = parent.buffer.length;
        if (off && parent.buffer[off - 4] == 0)
          off -= 4;
        while (off > 0 && parent.buffer[off - 2] > parent.reducePos)
          off -= 4;
        let buffer = parent.buffer.slice(off), base = parent.bufferBase + off;
        while (parent && base == parent.bufferBase)
          parent = parent.parent;
        return new _Stack(this.p, this.stack.slice(), this.state, this.reducePos, this.pos, this.score, buffer, base, this.curContext, this.lookAhead, parent);
      }
      // Try to recover from an error by 'deleting' (ignoring) one token.
      /**
      @internal
      */
      recoverByDelete(next, nextEnd) {
        let isNode = next <= this.p.parser.maxNode;
        if (isNode)
          this.storeNode(next, this.pos, nextEnd, 4);
        this.storeNode(0, this.pos, nextEnd, isNode ? 8 : 4);
        this.pos = this.reducePos = nextEnd;
        this.score -= 190;
      }
      /**
      Check if the given term would be able to be shifted (optionally
      after some reductions) on this stack. This can be useful for
      external tokenizers that want to make sure they only provide a
      given token when it applies.
      */
      canShift(term) {
        for (let sim = new SimulatedStack(this); ; ) {
          let action = this.p.parser.stateSlot(
            sim.state,
            4
            /* ParseState.DefaultReduce */
          ) || this.p.parser.hasAction(sim.state, term);
          if (action == 0)
            return false;
          if ((action & 65536) == 0)
            return true;
          sim.reduce(action);
        }
      }
      // Apply up to Recover.MaxNext recovery actions that conceptually
      // inserts some missing token or rule.
      /**
      @internal
      */
      recoverByInsert(next) {
        if (this.stack.length >= 300)
          return [];
        let nextStates = this.p.parser.nextStates(this.state);
        if (nextStates.length > 4 << 1 || this.stack.length >= 120) {
          let best = [];
          for (let i = 0, s; i < nextStates.length; i += 2) {
            if ((s = nextStates[i + 1]) != this.state && this.p.parser.hasAction(s, next))
              best.push(nextStates[i], s);
          }
          if (this.stack.length < 120)
            for (let i = 0; best.length < 4 << 1 && i < nextStates.length; i += 2) {
              let s = nextStates[i + 1];
              if (!best.some((v, i2) => i2 & 1 && v == s))
                best.push(nextStates[i], s);
            }
          nextStates = best;
        }
        let result = [];
        for (let i = 0; i < nextStates.length && result.length < 4; i += 2) {
          let s = nextStates[i + 1];
          if (s == this.state)
            continue;
          let stack = this.split();
          stack.pushState(s, this.pos);
          stack.storeNode(0, stack.pos, stack.pos, 4, true);
          stack.shiftContext(nextStates[i], this.pos);
          stack.reducePos = this.pos;
          stack.score -= 200;
          result.push(stack);
        }
        return result;
      }
      // Force a reduce, if possible. Return false if that can't
      // be done.
      /**
      @internal
      */
      forceReduce() {
        let { parser: parser3 } = this.p;
        let reduce = parser3.stateSlot(
          this.state,
          5
          /* ParseState.ForcedReduce */
        );
        if ((reduce & 65536) == 0)
          return false;
        if (!parser3.validAction(this.state, reduce)) {
          let depth = reduce >> 19, term = reduce & 65535;
          let target = this.stack.length - depth * 3;
          if (target < 0 || parser3.getGoto(this.stack[target], term, false) < 0) {
            let backup = this.findForcedReduction();
            if (backup == null)
              return false;
            reduce = backup;
          }
          this.storeNode(0, this.pos, this.pos, 4, true);
          this.score -= 100;
        }
        this.reducePos = this.pos;
        this.reduce(reduce);
        return true;
      }
      /**
      Try to scan through the automaton to find some kind of reduction
      that can be applied. Used when the regular ForcedReduce field
      isn't a valid action. @internal
      */
      findForcedReduction() {
        let { parser: parser3 } = this.p, seen = [];
        let explore = (state, depth) => {
          if (seen.includes(state))
            return;
          seen.push(state);
          return parser3.allActions(state, (action) => {
            if (action & (262144 | 131072)) ;
            else if (action & 65536) {
              let rDepth = (action >> 19) - depth;
              if (rDepth > 1) {
                let term = action & 65535, target = this.stack.length - rDepth * 3;
                if (target >= 0 && parser3.getGoto(this.stack[target], term, false) >= 0)
                  return rDepth << 19 | 65536 | term;
              }
            } else {
              let found = explore(action, depth + 1);
              if (found != null)
                return found;
            }
          });
        };
        return explore(this.state, 0);
      }
      /**
      @internal
      */
      forceAll() {
        while (!this.p.parser.stateFlag(
          this.state,
          2
          /* StateFlag.Accepting */
        )) {
          if (!this.forceReduce()) {
            this.storeNode(0, this.pos, this.pos, 4, true);
            break;
          }
        }
        return this;
      }
      /**
      Check whether this state has no further actions (assumed to be a direct descendant of the
      top state, since any other states must be able to continue
      somehow). @internal
      */
      get deadEnd() {
        if (this.stack.length != 3)
          return false;
        let { parser: parser3 } = this.p;
        return parser3.data[parser3.stateSlot(
          this.state,
          1
          /* ParseState.Actions */
        )] == 65535 && !parser3.stateSlot(
          this.state,
          4
          /* ParseState.DefaultReduce */
        );
      }
      /**
      Restart the stack (put it back in its start state). Only safe
      when this.stack.length == 3 (state is directly below the top
      state). @internal
      */
      restart() {
        this.storeNode(0, this.pos, this.pos, 4, true);
        this.state = this.stack[0];
        this.stack.length = 0;
      }
      /**
      @internal
      */
      sameState(other) {
        if (this.state != other.state || this.stack.length != other.stack.length)
          return false;
        for (let i = 0; i < this.stack.length; i += 3)
          if (this.stack[i] != other.stack[i])
            return false;
        return true;
      }
      /**
      Get the parser used by this stack.
      */
      get parser() {
        return this.p.parser;
      }
      /**
      Test whether a given dialect (by numeric ID, as exported from
      the terms file) is enabled.
      */
      dialectEnabled(dialectID) {
        return this.p.parser.dialect.flags[dialectID];
      }
      shiftContext(term, start) {
        if (this.curContext)
          this.updateContext(this.curContext.tracker.shift(this.curContext.context, term, this, this.p.stream.reset(start)));
      }
      reduceContext(term, start) {
        if (this.curContext)
          this.updateContext(this.curContext.tracker.reduce(this.curContext.context, term, this, this.p.stream.reset(start)));
      }
      /**
      @internal
      */
      emitContext() {
        let last = this.buffer.length - 1;
        if (last < 0 || this.buffer[last] != -3)
          this.storeNode(this.curContext.hash, this.reducePos, this.reducePos, -3, true);
      }
      /**
      @internal
      */
      emitLookAhead() {
        let last = this.buffer.length - 1;
        if (last < 0 || this.buffer[last] != -4)
          this.buffer.push(this.lookAhead, this.pos, this.pos, -4);
      }
      updateContext(context) {
        if (context != this.curContext.context) {
          let newCx = new StackContext(this.curContext.tracker, context);
          if (newCx.hash != this.curContext.hash)
            this.emitContext();
          this.curContext = newCx;
        }
      }
      /**
      @internal
      */
      setLookAhead(lookAhead) {
        if (lookAhead <= this.lookAhead)
          return false;
        this.emitLookAhead();
        this.lookAhead = lookAhead;
        return true;
      }
      /**
      @internal
      */
      close() {
        if (this.curContext && this.curContext.tracker.strict)
          this.emitContext();
        if (this.lookAhead > 0)
          this.emitLookAhead();
      }
    };
    StackContext = class {
      constructor(tracker, context) {
        this.tracker = tracker;
        this.context = context;
        this.hash = tracker.strict ? tracker.hash(context) : 0;
      }
    };
    SimulatedStack = class {
      constructor(start) {
        this.start = start;
        this.state = start.state;
        this.stack = start.stack;
        this.base = this.stack.length;
      }
      reduce(action) {
        let term = action & 65535, depth = action >> 19;
        if (depth == 0) {
          if (this.stack == this.start.stack)
            this.stack = this.stack.slice();
          this.stack.push(this.state, 0, 0);
          this.base += 3;
        } else {
          this.base -= (depth - 1) * 3;
        }
        let goto = this.start.p.parser.getGoto(this.stack[this.base - 3], term, true);
        this.state = goto;
      }
    };
    StackBufferCursor = class _StackBufferCursor {
      constructor(stack, pos2, index) {
        this.stack = stack;
        this.pos = pos2;
        this.index = index;
        this.buffer = stack.buffer;
        if (this.index == 0)
          this.maybeNext();
      }
      static create(stack, pos2 = stack.bufferBase + stack.buffer.length) {
        return new _StackBufferCursor(stack, pos2, pos2 - stack.bufferBase);
      }
      maybeNext() {
        let next = this.stack.parent;
        if (next != null) {
          this.index = this.stack.bufferBase - next.bufferBase;
          this.stack = next;
          this.buffer = next.buffer;
        }
      }
      get id() {
        return this.buffer[this.index - 4];
      }
      get start() {
        return this.buffer[this.index - 3];
      }
      get end() {
        return this.buffer[this.index - 2];
      }
      get size() {
        return this.buffer[this.index - 1];
      }
      next() {
        this.index -= 4;
        this.pos -= 4;
        if (this.index == 0)
          this.maybeNext();
      }
      fork() {
        return new _StackBufferCursor(this.stack, this.pos, this.index);
      }
    };
    CachedToken = class {
      constructor() {
        this.start = -1;
        this.value = -1;
        this.end = -1;
        this.extended = -1;
        this.lookAhead = 0;
        this.mask = 0;
        this.context = 0;
      }
    };
    nullToken = new CachedToken();
    InputStream = class {
      /**
      @internal
      */
      constructor(input, ranges) {
        this.input = input;
        this.ranges = ranges;
        this.chunk = "";
        this.chunkOff = 0;
        this.chunk2 = "";
        this.chunk2Pos = 0;
        this.next = -1;
        this.token = nullToken;
        this.rangeIndex = 0;
        this.pos = this.chunkPos = ranges[0].from;
        this.range = ranges[0];
        this.end = ranges[ranges.length - 1].to;
        this.readNext();
      }
      /**
      @internal
      */
      resolveOffset(offset, assoc) {
        let range = this.range, index = this.rangeIndex;
        let pos2 = this.pos + offset;
        while (pos2 < range.from) {
          if (!index)
            return null;
          let next = this.ranges[--index];
          pos2 -= range.from - next.to;
          range = next;
        }
        while (assoc < 0 ? pos2 > range.to : pos2 >= range.to) {
          if (index == this.ranges.length - 1)
            return null;
          let next = this.ranges[++index];
          pos2 += next.from - range.to;
          range = next;
        }
        return pos2;
      }
      /**
      @internal
      */
      clipPos(pos2) {
        if (pos2 >= this.range.from && pos2 < this.range.to)
          return pos2;
        for (let range of this.ranges)
          if (range.to > pos2)
            return Math.max(pos2, range.from);
        return this.end;
      }
      /**
      Look at a code unit near the stream position. `.peek(0)` equals
      `.next`, `.peek(-1)` gives you the previous character, and so
      on.
      
      Note that looking around during tokenizing creates dependencies
      on potentially far-away content, which may reduce the
      effectiveness incremental parsing—when looking forward—or even
      cause invalid reparses when looking backward more than 25 code
      units, since the library does not track lookbehind.
      */
      peek(offset) {
        let idx = this.chunkOff + offset, pos2, result;
        if (idx >= 0 && idx < this.chunk.length) {
          pos2 = this.pos + offset;
          result = this.chunk.charCodeAt(idx);
        } else {
          let resolved = this.resolveOffset(offset, 1);
          if (resolved == null)
            return -1;
          pos2 = resolved;
          if (pos2 >= this.chunk2Pos && pos2 < this.chunk2Pos + this.chunk2.length) {
            result = this.chunk2.charCodeAt(pos2 - this.chunk2Pos);
          } else {
            let i = this.rangeIndex, range = this.range;
            while (range.to <= pos2)
              range = this.ranges[++i];
            this.chunk2 = this.input.chunk(this.chunk2Pos = pos2);
            if (pos2 + this.chunk2.length > range.to)
              this.chunk2 = this.chunk2.slice(0, range.to - pos2);
            result = this.chunk2.charCodeAt(0);
          }
        }
        if (pos2 >= this.token.lookAhead)
          this.token.lookAhead = pos2 + 1;
        return result;
      }
      /**
      Accept a token. By default, the end of the token is set to the
      current stream position, but you can pass an offset (relative to
      the stream position) to change that.
      */
      acceptToken(token, endOffset = 0) {
        let end = endOffset ? this.resolveOffset(endOffset, -1) : this.pos;
        if (end == null || end < this.token.start)
          throw new RangeError("Token end out of bounds");
        this.token.value = token;
        this.token.end = end;
      }
      /**
      Accept a token ending at a specific given position.
      */
      acceptTokenTo(token, endPos) {
        this.token.value = token;
        this.token.end = endPos;
      }
      getChunk() {
        if (this.pos >= this.chunk2Pos && this.pos < this.chunk2Pos + this.chunk2.length) {
          let { chunk, chunkPos } = this;
          this.chunk = this.chunk2;
          this.chunkPos = this.chunk2Pos;
          this.chunk2 = chunk;
          this.chunk2Pos = chunkPos;
          this.chunkOff = this.pos - this.chunkPos;
        } else {
          this.chunk2 = this.chunk;
          this.chunk2Pos = this.chunkPos;
          let nextChunk = this.input.chunk(this.pos);
          let end = this.pos + nextChunk.length;
          this.chunk = end > this.range.to ? nextChunk.slice(0, this.range.to - this.pos) : nextChunk;
          this.chunkPos = this.pos;
          this.chunkOff = 0;
        }
      }
      readNext() {
        if (this.chunkOff >= this.chunk.length) {
          this.getChunk();
          if (this.chunkOff == this.chunk.length)
            return this.next = -1;
        }
        return this.next = this.chunk.charCodeAt(this.chunkOff);
      }
      /**
      Move the stream forward N (defaults to 1) code units. Returns
      the new value of [`next`](#lr.InputStream.next).
      */
      advance(n = 1) {
        this.chunkOff += n;
        while (this.pos + n >= this.range.to) {
          if (this.rangeIndex == this.ranges.length - 1)
            return this.setDone();
          n -= this.range.to - this.pos;
          this.range = this.ranges[++this.rangeIndex];
          this.pos = this.range.from;
        }
        this.pos += n;
        if (this.pos >= this.token.lookAhead)
          this.token.lookAhead = this.pos + 1;
        return this.readNext();
      }
      setDone() {
        this.pos = this.chunkPos = this.end;
        this.range = this.ranges[this.rangeIndex = this.ranges.length - 1];
        this.chunk = "";
        return this.next = -1;
      }
      /**
      @internal
      */
      reset(pos2, token) {
        if (token) {
          this.token = token;
          token.start = pos2;
          token.lookAhead = pos2 + 1;
          token.value = token.extended = -1;
        } else {
          this.token = nullToken;
        }
        if (this.pos != pos2) {
          this.pos = pos2;
          if (pos2 == this.end) {
            this.setDone();
            return this;
          }
          while (pos2 < this.range.from)
            this.range = this.ranges[--this.rangeIndex];
          while (pos2 >= this.range.to)
            this.range = this.ranges[++this.rangeIndex];
          if (pos2 >= this.chunkPos && pos2 < this.chunkPos + this.chunk.length) {
            this.chunkOff = pos2 - this.chunkPos;
          } else {
            this.chunk = "";
            this.chunkOff = 0;
          }
          this.readNext();
        }
        return this;
      }
      /**
      @internal
      */
      read(from, to) {
        if (from >= this.chunkPos && to <= this.chunkPos + this.chunk.length)
          return this.chunk.slice(from - this.chunkPos, to - this.chunkPos);
        if (from >= this.chunk2Pos && to <= this.chunk2Pos + this.chunk2.length)
          return this.chunk2.slice(from - this.chunk2Pos, to - this.chunk2Pos);
        if (from >= this.range.from && to <= this.range.to)
          return this.input.read(from, to);
        let result = "";
        for (let r of this.ranges) {
          if (r.from >= to)
            break;
          if (r.to > from)
            result += this.input.read(Math.max(r.from, from), Math.min(r.to, to));
        }
        return result;
      }
    };
    TokenGroup = class {
      constructor(data, id2) {
        this.data = data;
        this.id = id2;
      }
      token(input, stack) {
        let { parser: parser3 } = stack.p;
        readToken(this.data, input, stack, this.id, parser3.data, parser3.tokenPrecTable);
      }
    };
    TokenGroup.prototype.contextual = TokenGroup.prototype.fallback = TokenGroup.prototype.extend = false;
    LocalTokenGroup = class {
      constructor(data, precTable, elseToken) {
        this.precTable = precTable;
        this.elseToken = elseToken;
        this.data = typeof data == "string" ? decodeArray(data) : data;
      }
      token(input, stack) {
        let start = input.pos, skipped = 0;
        for (; ; ) {
          let atEof = input.next < 0, nextPos = input.resolveOffset(1, 1);
          readToken(this.data, input, stack, 0, this.data, this.precTable);
          if (input.token.value > -1)
            break;
          if (this.elseToken == null)
            return;
          if (!atEof)
            skipped++;
          if (nextPos == null)
            break;
          input.reset(nextPos, input.token);
        }
        if (skipped) {
          input.reset(start, input.token);
          input.acceptToken(this.elseToken, skipped);
        }
      }
    };
    LocalTokenGroup.prototype.contextual = TokenGroup.prototype.fallback = TokenGroup.prototype.extend = false;
    ExternalTokenizer = class {
      /**
      Create a tokenizer. The first argument is the function that,
      given an input stream, scans for the types of tokens it
      recognizes at the stream's position, and calls
      [`acceptToken`](#lr.InputStream.acceptToken) when it finds
      one.
      */
      constructor(token, options = {}) {
        this.token = token;
        this.contextual = !!options.contextual;
        this.fallback = !!options.fallback;
        this.extend = !!options.extend;
      }
    };
    verbose = typeof process != "undefined" && process.env && /\bparse\b/.test(process.env.LOG);
    stackIDs = null;
    FragmentCursor = class {
      constructor(fragments, minRepeat) {
        this.fragments = fragments;
        this.minRepeat = minRepeat;
        this.i = 0;
        this.fragment = null;
        this.safeFrom = -1;
        this.safeTo = -1;
        this.trees = [];
        this.start = [];
        this.index = [];
        this.lastRepeat = null;
        this.lastRepeatPos = -1;
        this.nextFragment();
      }
      nextFragment() {
        let fr = this.fragment = this.i == this.fragments.length ? null : this.fragments[this.i++];
        if (fr) {
          this.safeFrom = fr.openStart ? cutAt(fr.tree, fr.from + fr.offset, 1) - fr.offset : fr.from;
          this.safeTo = fr.openEnd ? cutAt(fr.tree, fr.to + fr.offset, -1) - fr.offset : fr.to;
          while (this.trees.length) {
            this.trees.pop();
            this.start.pop();
            this.index.pop();
          }
          this.trees.push(fr.tree);
          this.start.push(-fr.offset);
          this.index.push(0);
          this.nextStart = this.safeFrom;
        } else {
          this.nextStart = 1e9;
        }
      }
      // `pos` must be >= any previously given `pos` for this cursor
      nodeAt(pos2) {
        if (pos2 < this.nextStart)
          return null;
        while (this.fragment && this.safeTo <= pos2)
          this.nextFragment();
        if (!this.fragment)
          return null;
        for (; ; ) {
          let last = this.trees.length - 1;
          if (last < 0) {
            this.nextFragment();
            return null;
          }
          if (pos2 < this.safeFrom)
            return null;
          let top = this.trees[last], index = this.index[last];
          if (index == top.children.length) {
            this.trees.pop();
            this.start.pop();
            this.index.pop();
            continue;
          }
          let next = top.children[index];
          let start = this.start[last] + top.positions[index];
          if (start > pos2) {
            this.nextStart = start;
            return null;
          }
          if (next instanceof Tree) {
            let storeRepeat = start > this.lastRepeatPos && next.type.id >= this.minRepeat;
            if (start == pos2 || storeRepeat) {
              let end = start + next.length, lookahead;
              if (start >= this.safeFrom && end <= this.safeTo && (!(lookahead = next.prop(NodeProp.lookAhead)) || end + lookahead < this.fragment.to)) {
                if (storeRepeat) {
                  this.lastRepeat = next;
                  this.lastRepeatPos = start;
                }
                if (start == pos2)
                  return next;
              }
            }
            this.index[last]++;
            if (start + next.length >= Math.max(this.safeFrom, pos2)) {
              this.trees.push(next);
              this.start.push(start);
              this.index.push(0);
            }
          } else {
            this.index[last]++;
            this.nextStart = start + next.length;
          }
        }
      }
    };
    TokenCache = class {
      constructor(parser3, stream) {
        this.stream = stream;
        this.tokens = [];
        this.mainToken = null;
        this.actions = [];
        this.tokens = parser3.tokenizers.map((_) => new CachedToken());
      }
      getActions(stack) {
        let actionIndex = 0;
        let main2 = null;
        let { parser: parser3 } = stack.p, { tokenizers } = parser3;
        let mask = parser3.stateSlot(
          stack.state,
          3
          /* ParseState.TokenizerMask */
        );
        let context = stack.curContext ? stack.curContext.hash : 0;
        let lookAhead = 0;
        for (let i = 0; i < tokenizers.length; i++) {
          if ((1 << i & mask) == 0)
            continue;
          let tokenizer = tokenizers[i], token = this.tokens[i];
          if (main2 && !tokenizer.fallback)
            continue;
          if (tokenizer.contextual || token.start != stack.pos || token.mask != mask || token.context != context) {
            this.updateCachedToken(token, tokenizer, stack);
            token.mask = mask;
            token.context = context;
          }
          if (token.lookAhead > token.end + 25)
            lookAhead = Math.max(token.lookAhead, lookAhead);
          if (token.value != 0) {
            let startIndex = actionIndex;
            if (token.extended > -1)
              actionIndex = this.addActions(stack, token.extended, token.end, actionIndex);
            actionIndex = this.addActions(stack, token.value, token.end, actionIndex);
            if (!tokenizer.extend) {
              main2 = token;
              if (actionIndex > startIndex)
                break;
            }
          }
        }
        while (this.actions.length > actionIndex)
          this.actions.pop();
        if (lookAhead)
          stack.setLookAhead(lookAhead);
        if (!main2 && stack.pos == this.stream.end) {
          main2 = new CachedToken();
          main2.value = stack.p.parser.eofTerm;
          main2.start = main2.end = stack.pos;
          actionIndex = this.addActions(stack, main2.value, main2.end, actionIndex);
        }
        this.mainToken = main2;
        return this.actions;
      }
      getMainToken(stack) {
        if (this.mainToken)
          return this.mainToken;
        let main2 = new CachedToken(), { pos: pos2, p } = stack;
        main2.start = pos2;
        main2.end = Math.min(pos2 + 1, p.stream.end);
        main2.value = pos2 == p.stream.end ? p.parser.eofTerm : 0;
        return main2;
      }
      updateCachedToken(token, tokenizer, stack) {
        let start = this.stream.clipPos(stack.pos);
        tokenizer.token(this.stream.reset(start, token), stack);
        if (token.value > -1) {
          let { parser: parser3 } = stack.p;
          for (let i = 0; i < parser3.specialized.length; i++)
            if (parser3.specialized[i] == token.value) {
              let result = parser3.specializers[i](this.stream.read(token.start, token.end), stack);
              if (result >= 0 && stack.p.parser.dialect.allows(result >> 1)) {
                if ((result & 1) == 0)
                  token.value = result >> 1;
                else
                  token.extended = result >> 1;
                break;
              }
            }
        } else {
          token.value = 0;
          token.end = this.stream.clipPos(start + 1);
        }
      }
      putAction(action, token, end, index) {
        for (let i = 0; i < index; i += 3)
          if (this.actions[i] == action)
            return index;
        this.actions[index++] = action;
        this.actions[index++] = token;
        this.actions[index++] = end;
        return index;
      }
      addActions(stack, token, end, index) {
        let { state } = stack, { parser: parser3 } = stack.p, { data } = parser3;
        for (let set = 0; set < 2; set++) {
          for (let i = parser3.stateSlot(
            state,
            set ? 2 : 1
            /* ParseState.Actions */
          ); ; i += 3) {
            if (data[i] == 65535) {
              if (data[i + 1] == 1) {
                i = pair(data, i + 2);
              } else {
                if (index == 0 && data[i + 1] == 2)
                  index = this.putAction(pair(data, i + 2), token, end, index);
                break;
              }
            }
            if (data[i] == token)
              index = this.putAction(pair(data, i + 1), token, end, index);
          }
        }
        return index;
      }
    };
    Parse = class {
      constructor(parser3, input, fragments, ranges) {
        this.parser = parser3;
        this.input = input;
        this.ranges = ranges;
        this.recovering = 0;
        this.nextStackID = 9812;
        this.minStackPos = 0;
        this.reused = [];
        this.stoppedAt = null;
        this.lastBigReductionStart = -1;
        this.lastBigReductionSize = 0;
        this.bigReductionCount = 0;
        this.stream = new InputStream(input, ranges);
        this.tokens = new TokenCache(parser3, this.stream);
        this.topTerm = parser3.top[1];
        let { from } = ranges[0];
        this.stacks = [Stack.start(this, parser3.top[0], from)];
        this.fragments = fragments.length && this.stream.end - from > parser3.bufferLength * 4 ? new FragmentCursor(fragments, parser3.minRepeatTerm) : null;
      }
      get parsedPos() {
        return this.minStackPos;
      }
      // Move the parser forward. This will process all parse stacks at
      // `this.pos` and try to advance them to a further position. If no
      // stack for such a position is found, it'll start error-recovery.
      //
      // When the parse is finished, this will return a syntax tree. When
      // not, it returns `null`.
      advance() {
        let stacks = this.stacks, pos2 = this.minStackPos;
        let newStacks = this.stacks = [];
        let stopped, stoppedTokens;
        if (this.bigReductionCount > 300 && stacks.length == 1) {
          let [s] = stacks;
          while (s.forceReduce() && s.stack.length && s.stack[s.stack.length - 2] >= this.lastBigReductionStart) {
          }
          this.bigReductionCount = this.lastBigReductionSize = 0;
        }
        for (let i = 0; i < stacks.length; i++) {
          let stack = stacks[i];
          for (; ; ) {
            this.tokens.mainToken = null;
            if (stack.pos > pos2) {
              newStacks.push(stack);
            } else if (this.advanceStack(stack, newStacks, stacks)) {
              continue;
            } else {
              if (!stopped) {
                stopped = [];
                stoppedTokens = [];
              }
              stopped.push(stack);
              let tok = this.tokens.getMainToken(stack);
              stoppedTokens.push(tok.value, tok.end);
            }
            break;
          }
        }
        if (!newStacks.length) {
          let finished = stopped && findFinished(stopped);
          if (finished) {
            if (verbose)
              console.log("Finish with " + this.stackID(finished));
            return this.stackToTree(finished);
          }
          if (this.parser.strict) {
            if (verbose && stopped)
              console.log("Stuck with token " + (this.tokens.mainToken ? this.parser.getName(this.tokens.mainToken.value) : "none"));
            throw new SyntaxError("No parse at " + pos2);
          }
          if (!this.recovering)
            this.recovering = 5;
        }
        if (this.recovering && stopped) {
          let finished = this.stoppedAt != null && stopped[0].pos > this.stoppedAt ? stopped[0] : this.runRecovery(stopped, stoppedTokens, newStacks);
          if (finished) {
            if (verbose)
              console.log("Force-finish " + this.stackID(finished));
            return this.stackToTree(finished.forceAll());
          }
        }
        if (this.recovering) {
          let maxRemaining = this.recovering == 1 ? 1 : this.recovering * 3;
          if (newStacks.length > maxRemaining) {
            newStacks.sort((a, b) => b.score - a.score);
            while (newStacks.length > maxRemaining)
              newStacks.pop();
          }
          if (newStacks.some((s) => s.reducePos > pos2))
            this.recovering--;
        } else if (newStacks.length > 1) {
          outer: for (let i = 0; i < newStacks.length - 1; i++) {
            let stack = newStacks[i];
            for (let j = i + 1; j < newStacks.length; j++) {
              let other = newStacks[j];
              if (stack.sameState(other) || stack.buffer.length > 500 && other.buffer.length > 500) {
                if ((stack.score - other.score || stack.buffer.length - other.buffer.length) > 0) {
                  newStacks.splice(j--, 1);
                } else {
                  newStacks.splice(i--, 1);
                  continue outer;
                }
              }
            }
          }
          if (newStacks.length > 12) {
            newStacks.sort((a, b) => b.score - a.score);
            newStacks.splice(
              12,
              newStacks.length - 12
              /* Rec.MaxStackCount */
            );
          }
        }
        this.minStackPos = newStacks[0].pos;
        for (let i = 1; i < newStacks.length; i++)
          if (newStacks[i].pos < this.minStackPos)
            this.minStackPos = newStacks[i].pos;
        return null;
      }
      stopAt(pos2) {
        if (this.stoppedAt != null && this.stoppedAt < pos2)
          throw new RangeError("Can't move stoppedAt forward");
        this.stoppedAt = pos2;
      }
      // See if a given tree, or a descendant right at its start, can be
      // reused in the given stack.
      tryReuse(stack, start, tree, repeatOnly) {
        if (!tree)
          return null;
        let strictCx = stack.curContext && stack.curContext.tracker.strict, cxHash = strictCx ? stack.curContext.hash : 0;
        for (; tree; ) {
          let match = this.parser.nodeSet.types[tree.type.id] != tree.type ? -1 : this.parser.getGoto(stack.state, tree.type.id);
          if (match > -1 && tree.length && (!strictCx || (tree.prop(NodeProp.contextHash) || 0) == cxHash)) {
            stack.useNode(tree, match, start);
            return tree;
          }
          if (tree.children.length == 0 || tree.positions[0] > 0)
            break;
          let inner = tree.children[0];
          if (inner instanceof Tree && (!repeatOnly || inner.type.id >= this.parser.minRepeatTerm))
            tree = inner;
          else
            break;
        }
        return null;
      }
      // Returns an updated version of the given stack, or null if the
      // stack can't advance normally. When `split` and `stacks` are
      // given, stacks split off by ambiguous operations will be pushed to
      // `split`, or added to `stacks` if they move `pos` forward.
      advanceStack(stack, stacks, split) {
        let start = stack.pos, { parser: parser3 } = this;
        let base = verbose ? this.stackID(stack) + " -> " : "";
        if (this.stoppedAt != null && start > this.stoppedAt)
          return stack.forceReduce() ? stack : null;
        if (this.fragments) {
          let reused = stack.reducePos < start && stack.buffer.length && stack.buffer[stack.buffer.length - 2] <= stack.reducePos && this.fragments.lastRepeatPos == stack.reducePos && this.tryReuse(stack, stack.reducePos, this.fragments.lastRepeat, true) || this.tryReuse(stack, start, this.fragments.nodeAt(start), false);
          if (reused) {
            if (verbose)
              console.log(base + this.stackID(stack) + ` (via reuse of ${parser3.getName(reused.type.id)})`);
            return true;
          }
        }
        let defaultReduce = parser3.stateSlot(
          stack.state,
          4
          /* ParseState.DefaultReduce */
        );
        if (defaultReduce > 0) {
          stack.reduce(defaultReduce);
          if (verbose)
            console.log(base + this.stackID(stack) + ` (via always-reduce ${parser3.getName(
              defaultReduce & 65535
              /* Action.ValueMask */
            )})`);
          return true;
        }
        if (stack.stack.length >= 8400) {
          while (stack.stack.length > 6e3 && stack.forceReduce()) {
          }
        }
        let actions = this.tokens.getActions(stack);
        for (let i = 0; i < actions.length; ) {
          let action = actions[i++], term = actions[i++], end = actions[i++];
          let last = i == actions.length || !split;
          let localStack = last ? stack : stack.split();
          let main2 = this.tokens.mainToken;
          localStack.apply(action, term, main2 ? main2.start : localStack.pos, end);
          if (verbose)
            console.log(base + this.stackID(localStack) + ` (via ${(action & 65536) == 0 ? "shift" : `reduce of ${parser3.getName(
              action & 65535
              /* Action.ValueMask */
            )}`} for ${parser3.getName(term)} @ ${start}${localStack == stack ? "" : ", split"})`);
          if (last)
            return true;
          else if (localStack.pos > start)
            stacks.push(localStack);
          else
            split.push(localStack);
        }
        return false;
      }
      // Advance a given stack forward as far as it will go. Returns the
      // (possibly updated) stack if it got stuck, or null if it moved
      // forward and was given to `pushStackDedup`.
      advanceFully(stack, newStacks) {
        let pos2 = stack.pos;
        for (; ; ) {
          if (!this.advanceStack(stack, null, null))
            return false;
          if (stack.pos > pos2) {
            pushStackDedup(stack, newStacks);
            return true;
          }
        }
      }
      runRecovery(stacks, tokens, newStacks) {
        let finished = null, restarted = false;
        for (let i = 0; i < stacks.length; i++) {
          let stack = stacks[i], token = tokens[i << 1], tokenEnd = tokens[(i << 1) + 1];
          let base = verbose ? this.stackID(stack) + " -> " : "";
          if (stack.deadEnd) {
            if (restarted)
              continue;
            restarted = true;
            stack.restart();
            if (verbose)
              console.log(base + this.stackID(stack) + " (restarted)");
            let done = this.advanceFully(stack, newStacks);
            if (done)
              continue;
          }
          let force = stack.split(), forceBase = base;
          for (let j = 0; j < 10 && force.forceReduce(); j++) {
            if (verbose)
              console.log(forceBase + this.stackID(force) + " (via force-reduce)");
            let done = this.advanceFully(force, newStacks);
            if (done)
              break;
            if (verbose)
              forceBase = this.stackID(force) + " -> ";
          }
          for (let insert of stack.recoverByInsert(token)) {
            if (verbose)
              console.log(base + this.stackID(insert) + " (via recover-insert)");
            this.advanceFully(insert, newStacks);
          }
          if (this.stream.end > stack.pos) {
            if (tokenEnd == stack.pos) {
              tokenEnd++;
              token = 0;
            }
            stack.recoverByDelete(token, tokenEnd);
            if (verbose)
              console.log(base + this.stackID(stack) + ` (via recover-delete ${this.parser.getName(token)})`);
            pushStackDedup(stack, newStacks);
          } else if (!finished || finished.score < force.score) {
            finished = force;
          }
        }
        return finished;
      }
      // Convert the stack's buffer to a syntax tree.
      stackToTree(stack) {
        stack.close();
        return Tree.build({
          buffer: StackBufferCursor.create(stack),
          nodeSet: this.parser.nodeSet,
          topID: this.topTerm,
          maxBufferLength: this.parser.bufferLength,
          reused: this.reused,
          start: this.ranges[0].from,
          length: stack.pos - this.ranges[0].from,
          minRepeatType: this.parser.minRepeatTerm
        });
      }
      stackID(stack) {
        let id2 = (stackIDs || (stackIDs = /* @__PURE__ */ new WeakMap())).get(stack);
        if (!id2)
          stackIDs.set(stack, id2 = String.fromCodePoint(this.nextStackID++));
        return id2 + stack;
      }
    };
    Dialect = class {
      constructor(source, flags, disabled) {
        this.source = source;
        this.flags = flags;
        this.disabled = disabled;
      }
      allows(term) {
        return !this.disabled || this.disabled[term] == 0;
      }
    };
    id = (x) => x;
    ContextTracker = class {
      /**
      Define a context tracker.
      */
      constructor(spec) {
        this.start = spec.start;
        this.shift = spec.shift || id;
        this.reduce = spec.reduce || id;
        this.reuse = spec.reuse || id;
        this.hash = spec.hash || (() => 0);
        this.strict = spec.strict !== false;
      }
    };
    LRParser = class _LRParser extends Parser {
      /**
      @internal
      */
      constructor(spec) {
        super();
        this.wrappers = [];
        if (spec.version != 14)
          throw new RangeError(`Parser version (${spec.version}) doesn't match runtime version (${14})`);
        let nodeNames = spec.nodeNames.split(" ");
        this.minRepeatTerm = nodeNames.length;
        for (let i = 0; i < spec.repeatNodeCount; i++)
          nodeNames.push("");
        let topTerms = Object.keys(spec.topRules).map((r) => spec.topRules[r][1]);
        let nodeProps = [];
        for (let i = 0; i < nodeNames.length; i++)
          nodeProps.push([]);
        function setProp(nodeID, prop, value) {
          nodeProps[nodeID].push([prop, prop.deserialize(String(value))]);
        }
        if (spec.nodeProps)
          for (let propSpec of spec.nodeProps) {
            let prop = propSpec[0];
            if (typeof prop == "string")
              prop = NodeProp[prop];
            for (let i = 1; i < propSpec.length; ) {
              let next = propSpec[i++];
              if (next >= 0) {
                setProp(next, prop, propSpec[i++]);
              } else {
                let value = propSpec[i + -next];
                for (let j = -next; j > 0; j--)
                  setProp(propSpec[i++], prop, value);
                i++;
              }
            }
          }
        this.nodeSet = new NodeSet(nodeNames.map((name2, i) => NodeType.define({
          name: i >= this.minRepeatTerm ? void 0 : name2,
          id: i,
          props: nodeProps[i],
          top: topTerms.indexOf(i) > -1,
          error: i == 0,
          skipped: spec.skippedNodes && spec.skippedNodes.indexOf(i) > -1
        })));
        if (spec.propSources)
          this.nodeSet = this.nodeSet.extend(...spec.propSources);
        this.strict = false;
        this.bufferLength = DefaultBufferLength;
        let tokenArray = decodeArray(spec.tokenData);
        this.context = spec.context;
        this.specializerSpecs = spec.specialized || [];
        this.specialized = new Uint16Array(this.specializerSpecs.length);
        for (let i = 0; i < this.specializerSpecs.length; i++)
          this.specialized[i] = this.specializerSpecs[i].term;
        this.specializers = this.specializerSpecs.map(getSpecializer);
        this.states = decodeArray(spec.states, Uint32Array);
        this.data = decodeArray(spec.stateData);
        this.goto = decodeArray(spec.goto);
        this.maxTerm = spec.maxTerm;
        this.tokenizers = spec.tokenizers.map((value) => typeof value == "number" ? new TokenGroup(tokenArray, value) : value);
        this.topRules = spec.topRules;
        this.dialects = spec.dialects || {};
        this.dynamicPrecedences = spec.dynamicPrecedences || null;
        this.tokenPrecTable = spec.tokenPrec;
        this.termNames = spec.termNames || null;
        this.maxNode = this.nodeSet.types.length - 1;
        this.dialect = this.parseDialect();
        this.top = this.topRules[Object.keys(this.topRules)[0]];
      }
      createParse(input, fragments, ranges) {
        let parse3 = new Parse(this, input, fragments, ranges);
        for (let w of this.wrappers)
          parse3 = w(parse3, input, fragments, ranges);
        return parse3;
      }
      /**
      Get a goto table entry @internal
      */
      getGoto(state, term, loose = false) {
        let table = this.goto;
        if (term >= table[0])
          return -1;
        for (let pos2 = table[term + 1]; ; ) {
          let groupTag = table[pos2++], last = groupTag & 1;
          let target = table[pos2++];
          if (last && loose)
            return target;
          for (let end = pos2 + (groupTag >> 1); pos2 < end; pos2++)
            if (table[pos2] == state)
              return target;
          if (last)
            return -1;
        }
      }
      /**
      Check if this state has an action for a given terminal @internal
      */
      hasAction(state, terminal) {
        let data = this.data;
        for (let set = 0; set < 2; set++) {
          for (let i = this.stateSlot(
            state,
            set ? 2 : 1
            /* ParseState.Actions */
          ), next; ; i += 3) {
            if ((next = data[i]) == 65535) {
              if (data[i + 1] == 1)
                next = data[i = pair(data, i + 2)];
              else if (data[i + 1] == 2)
                return pair(data, i + 2);
              else
                break;
            }
            if (next == terminal || next == 0)
              return pair(data, i + 1);
          }
        }
        return 0;
      }
      /**
      @internal
      */
      stateSlot(state, slot) {
        return this.states[state * 6 + slot];
      }
      /**
      @internal
      */
      stateFlag(state, flag) {
        return (this.stateSlot(
          state,
          0
          /* ParseState.Flags */
        ) & flag) > 0;
      }
      /**
      @internal
      */
      validAction(state, action) {
        return !!this.allActions(state, (a) => a == action ? true : null);
      }
      /**
      @internal
      */
      allActions(state, action) {
        let deflt = this.stateSlot(
          state,
          4
          /* ParseState.DefaultReduce */
        );
        let result = deflt ? action(deflt) : void 0;
        for (let i = this.stateSlot(
          state,
          1
          /* ParseState.Actions */
        ); result == null; i += 3) {
          if (this.data[i] == 65535) {
            if (this.data[i + 1] == 1)
              i = pair(this.data, i + 2);
            else
              break;
          }
          result = action(pair(this.data, i + 1));
        }
        return result;
      }
      /**
      Get the states that can follow this one through shift actions or
      goto jumps. @internal
      */
      nextStates(state) {
        let result = [];
        for (let i = this.stateSlot(
          state,
          1
          /* ParseState.Actions */
        ); ; i += 3) {
          if (this.data[i] == 65535) {
            if (this.data[i + 1] == 1)
              i = pair(this.data, i + 2);
            else
              break;
          }
          if ((this.data[i + 2] & 65536 >> 16) == 0) {
            let value = this.data[i + 1];
            if (!result.some((v, i2) => i2 & 1 && v == value))
              result.push(this.data[i], value);
          }
        }
        return result;
      }
      /**
      Configure the parser. Returns a new parser instance that has the
      given settings modified. Settings not provided in `config` are
      kept from the original parser.
      */
      configure(config) {
        let copy = Object.assign(Object.create(_LRParser.prototype), this);
        if (config.props)
          copy.nodeSet = this.nodeSet.extend(...config.props);
        if (config.top) {
          let info = this.topRules[config.top];
          if (!info)
            throw new RangeError(`Invalid top rule name ${config.top}`);
          copy.top = info;
        }
        if (config.tokenizers)
          copy.tokenizers = this.tokenizers.map((t2) => {
            let found = config.tokenizers.find((r) => r.from == t2);
            return found ? found.to : t2;
          });
        if (config.specializers) {
          copy.specializers = this.specializers.slice();
          copy.specializerSpecs = this.specializerSpecs.map((s, i) => {
            let found = config.specializers.find((r) => r.from == s.external);
            if (!found)
              return s;
            let spec = Object.assign(Object.assign({}, s), { external: found.to });
            copy.specializers[i] = getSpecializer(spec);
            return spec;
          });
        }
        if (config.contextTracker)
          copy.context = config.contextTracker;
        if (config.dialect)
          copy.dialect = this.parseDialect(config.dialect);
        if (config.strict != null)
          copy.strict = config.strict;
        if (config.wrap)
          copy.wrappers = copy.wrappers.concat(config.wrap);
        if (config.bufferLength != null)
          copy.bufferLength = config.bufferLength;
        return copy;
      }
      /**
      Tells you whether any [parse wrappers](#lr.ParserConfig.wrap)
      are registered for this parser.
      */
      hasWrappers() {
        return this.wrappers.length > 0;
      }
      /**
      Returns the name associated with a given term. This will only
      work for all terms when the parser was generated with the
      `--names` option. By default, only the names of tagged terms are
      stored.
      */
      getName(term) {
        return this.termNames ? this.termNames[term] : String(term <= this.maxNode && this.nodeSet.types[term].name || term);
      }
      /**
      The eof term id is always allocated directly after the node
      types. @internal
      */
      get eofTerm() {
        return this.maxNode + 1;
      }
      /**
      The type of top node produced by the parser.
      */
      get topNode() {
        return this.nodeSet.types[this.top[1]];
      }
      /**
      @internal
      */
      dynamicPrecedence(term) {
        let prec = this.dynamicPrecedences;
        return prec == null ? 0 : prec[term] || 0;
      }
      /**
      @internal
      */
      parseDialect(dialect) {
        let values = Object.keys(this.dialects), flags = values.map(() => false);
        if (dialect)
          for (let part of dialect.split(" ")) {
            let id2 = values.indexOf(part);
            if (id2 >= 0)
              flags[id2] = true;
          }
        let disabled = null;
        for (let i = 0; i < values.length; i++)
          if (!flags[i]) {
            for (let j = this.dialects[values[i]], id2; (id2 = this.data[j++]) != 65535; )
              (disabled || (disabled = new Uint8Array(this.maxTerm + 1)))[id2] = 1;
          }
        return new Dialect(dialect, flags, disabled);
      }
      /**
      Used by the output of the parser generator. Not available to
      user code. @hide
      */
      static deserialize(spec) {
        return new _LRParser(spec);
      }
    };
  }
});

// node_modules/@lezer/highlight/dist/index.js
function sameArray(a, b) {
  return a.length == b.length && a.every((x, i) => x == b[i]);
}
function powerSet(array) {
  let sets = [[]];
  for (let i = 0; i < array.length; i++) {
    for (let j = 0, e = sets.length; j < e; j++) {
      sets.push(sets[j].concat(array[i]));
    }
  }
  return sets.sort((a, b) => b.length - a.length);
}
function styleTags(spec) {
  let byName = /* @__PURE__ */ Object.create(null);
  for (let prop in spec) {
    let tags2 = spec[prop];
    if (!Array.isArray(tags2))
      tags2 = [tags2];
    for (let part of prop.split(" "))
      if (part) {
        let pieces = [], mode = 2, rest = part;
        for (let pos2 = 0; ; ) {
          if (rest == "..." && pos2 > 0 && pos2 + 3 == part.length) {
            mode = 1;
            break;
          }
          let m = /^"(?:[^"\\]|\\.)*?"|[^\/!]+/.exec(rest);
          if (!m)
            throw new RangeError("Invalid path: " + part);
          pieces.push(m[0] == "*" ? "" : m[0][0] == '"' ? JSON.parse(m[0]) : m[0]);
          pos2 += m[0].length;
          if (pos2 == part.length)
            break;
          let next = part[pos2++];
          if (pos2 == part.length && next == "!") {
            mode = 0;
            break;
          }
          if (next != "/")
            throw new RangeError("Invalid path: " + part);
          rest = part.slice(pos2);
        }
        let last = pieces.length - 1, inner = pieces[last];
        if (!inner)
          throw new RangeError("Invalid path: " + part);
        let rule = new Rule(tags2, mode, last > 0 ? pieces.slice(0, last) : null);
        byName[inner] = rule.sort(byName[inner]);
      }
  }
  return ruleNodeProp.add(byName);
}
function tagHighlighter(tags2, options) {
  let map = /* @__PURE__ */ Object.create(null);
  for (let style of tags2) {
    if (!Array.isArray(style.tag))
      map[style.tag.id] = style.class;
    else
      for (let tag of style.tag)
        map[tag.id] = style.class;
  }
  let { scope, all = null } = options || {};
  return {
    style: (tags3) => {
      let cls = all;
      for (let tag of tags3) {
        for (let sub of tag.set) {
          let tagClass = map[sub.id];
          if (tagClass) {
            cls = cls ? cls + " " + tagClass : tagClass;
            break;
          }
        }
      }
      return cls;
    },
    scope
  };
}
var nextTagID, Tag, nextModifierID, Modifier, ruleNodeProp, Rule, t, comment, name, typeName, propertyName, literal, string, number, content, heading, keyword, operator, punctuation, bracket, meta, tags, classHighlighter;
var init_dist3 = __esm({
  "node_modules/@lezer/highlight/dist/index.js"() {
    init_dist();
    nextTagID = 0;
    Tag = class _Tag {
      /**
      @internal
      */
      constructor(name2, set, base, modified) {
        this.name = name2;
        this.set = set;
        this.base = base;
        this.modified = modified;
        this.id = nextTagID++;
      }
      toString() {
        let { name: name2 } = this;
        for (let mod of this.modified)
          if (mod.name)
            name2 = `${mod.name}(${name2})`;
        return name2;
      }
      static define(nameOrParent, parent) {
        let name2 = typeof nameOrParent == "string" ? nameOrParent : "?";
        if (nameOrParent instanceof _Tag)
          parent = nameOrParent;
        if (parent === null || parent === void 0 ? void 0 : parent.base)
          throw new Error("Can not derive from a modified tag");
        let tag = new _Tag(name2, [], null, []);
        tag.set.push(tag);
        if (parent)
          for (let t2 of parent.set)
            tag.set.push(t2);
        return tag;
      }
      /**
      Define a tag _modifier_, which is a function that, given a tag,
      will return a tag that is a subtag of the original. Applying the
      same modifier to a twice tag will return the same value (`m1(t1)
      == m1(t1)`) and applying multiple modifiers will, regardless or
      order, produce the same tag (`m1(m2(t1)) == m2(m1(t1))`).
      
      When multiple modifiers are applied to a given base tag, each
      smaller set of modifiers is registered as a parent, so that for
      example `m1(m2(m3(t1)))` is a subtype of `m1(m2(t1))`,
      `m1(m3(t1)`, and so on.
      */
      static defineModifier(name2) {
        let mod = new Modifier(name2);
        return (tag) => {
          if (tag.modified.indexOf(mod) > -1)
            return tag;
          return Modifier.get(tag.base || tag, tag.modified.concat(mod).sort((a, b) => a.id - b.id));
        };
      }
    };
    nextModifierID = 0;
    Modifier = class _Modifier {
      constructor(name2) {
        this.name = name2;
        this.instances = [];
        this.id = nextModifierID++;
      }
      static get(base, mods) {
        if (!mods.length)
          return base;
        let exists = mods[0].instances.find((t2) => t2.base == base && sameArray(mods, t2.modified));
        if (exists)
          return exists;
        let set = [], tag = new Tag(base.name, set, base, mods);
        for (let m of mods)
          m.instances.push(tag);
        let configs = powerSet(mods);
        for (let parent of base.set)
          if (!parent.modified.length)
            for (let config of configs)
              set.push(_Modifier.get(parent, config));
        return tag;
      }
    };
    ruleNodeProp = new NodeProp({
      combine(a, b) {
        let cur, root, take;
        while (a || b) {
          if (!a || b && a.depth <= b.depth) {
            take = b;
            b = b.next;
          } else {
            take = a;
            a = a.next;
          }
          if (cur && cur.mode == take.mode && !take.context && !cur.context)
            continue;
          let copy = new Rule(take.tags, take.mode, take.context);
          if (cur)
            cur.next = copy;
          else
            root = copy;
          cur = copy;
        }
        return root;
      }
    });
    Rule = class {
      constructor(tags2, mode, context, next) {
        this.tags = tags2;
        this.mode = mode;
        this.context = context;
        this.next = next;
      }
      get opaque() {
        return this.mode == 0;
      }
      get inherit() {
        return this.mode == 1;
      }
      sort(other) {
        if (!other || other.depth < this.depth) {
          this.next = other;
          return this;
        }
        other.next = this.sort(other.next);
        return other;
      }
      get depth() {
        return this.context ? this.context.length : 0;
      }
    };
    Rule.empty = new Rule([], 2, null);
    t = Tag.define;
    comment = t();
    name = t();
    typeName = t(name);
    propertyName = t(name);
    literal = t();
    string = t(literal);
    number = t(literal);
    content = t();
    heading = t(content);
    keyword = t();
    operator = t();
    punctuation = t();
    bracket = t(punctuation);
    meta = t();
    tags = {
      /**
      A comment.
      */
      comment,
      /**
      A line [comment](#highlight.tags.comment).
      */
      lineComment: t(comment),
      /**
      A block [comment](#highlight.tags.comment).
      */
      blockComment: t(comment),
      /**
      A documentation [comment](#highlight.tags.comment).
      */
      docComment: t(comment),
      /**
      Any kind of identifier.
      */
      name,
      /**
      The [name](#highlight.tags.name) of a variable.
      */
      variableName: t(name),
      /**
      A type [name](#highlight.tags.name).
      */
      typeName,
      /**
      A tag name (subtag of [`typeName`](#highlight.tags.typeName)).
      */
      tagName: t(typeName),
      /**
      A property or field [name](#highlight.tags.name).
      */
      propertyName,
      /**
      An attribute name (subtag of [`propertyName`](#highlight.tags.propertyName)).
      */
      attributeName: t(propertyName),
      /**
      The [name](#highlight.tags.name) of a class.
      */
      className: t(name),
      /**
      A label [name](#highlight.tags.name).
      */
      labelName: t(name),
      /**
      A namespace [name](#highlight.tags.name).
      */
      namespace: t(name),
      /**
      The [name](#highlight.tags.name) of a macro.
      */
      macroName: t(name),
      /**
      A literal value.
      */
      literal,
      /**
      A string [literal](#highlight.tags.literal).
      */
      string,
      /**
      A documentation [string](#highlight.tags.string).
      */
      docString: t(string),
      /**
      A character literal (subtag of [string](#highlight.tags.string)).
      */
      character: t(string),
      /**
      An attribute value (subtag of [string](#highlight.tags.string)).
      */
      attributeValue: t(string),
      /**
      A number [literal](#highlight.tags.literal).
      */
      number,
      /**
      An integer [number](#highlight.tags.number) literal.
      */
      integer: t(number),
      /**
      A floating-point [number](#highlight.tags.number) literal.
      */
      float: t(number),
      /**
      A boolean [literal](#highlight.tags.literal).
      */
      bool: t(literal),
      /**
      Regular expression [literal](#highlight.tags.literal).
      */
      regexp: t(literal),
      /**
      An escape [literal](#highlight.tags.literal), for example a
      backslash escape in a string.
      */
      escape: t(literal),
      /**
      A color [literal](#highlight.tags.literal).
      */
      color: t(literal),
      /**
      A URL [literal](#highlight.tags.literal).
      */
      url: t(literal),
      /**
      A language keyword.
      */
      keyword,
      /**
      The [keyword](#highlight.tags.keyword) for the self or this
      object.
      */
      self: t(keyword),
      /**
      The [keyword](#highlight.tags.keyword) for null.
      */
      null: t(keyword),
      /**
      A [keyword](#highlight.tags.keyword) denoting some atomic value.
      */
      atom: t(keyword),
      /**
      A [keyword](#highlight.tags.keyword) that represents a unit.
      */
      unit: t(keyword),
      /**
      A modifier [keyword](#highlight.tags.keyword).
      */
      modifier: t(keyword),
      /**
      A [keyword](#highlight.tags.keyword) that acts as an operator.
      */
      operatorKeyword: t(keyword),
      /**
      A control-flow related [keyword](#highlight.tags.keyword).
      */
      controlKeyword: t(keyword),
      /**
      A [keyword](#highlight.tags.keyword) that defines something.
      */
      definitionKeyword: t(keyword),
      /**
      A [keyword](#highlight.tags.keyword) related to defining or
      interfacing with modules.
      */
      moduleKeyword: t(keyword),
      /**
      An operator.
      */
      operator,
      /**
      An [operator](#highlight.tags.operator) that dereferences something.
      */
      derefOperator: t(operator),
      /**
      Arithmetic-related [operator](#highlight.tags.operator).
      */
      arithmeticOperator: t(operator),
      /**
      Logical [operator](#highlight.tags.operator).
      */
      logicOperator: t(operator),
      /**
      Bit [operator](#highlight.tags.operator).
      */
      bitwiseOperator: t(operator),
      /**
      Comparison [operator](#highlight.tags.operator).
      */
      compareOperator: t(operator),
      /**
      [Operator](#highlight.tags.operator) that updates its operand.
      */
      updateOperator: t(operator),
      /**
      [Operator](#highlight.tags.operator) that defines something.
      */
      definitionOperator: t(operator),
      /**
      Type-related [operator](#highlight.tags.operator).
      */
      typeOperator: t(operator),
      /**
      Control-flow [operator](#highlight.tags.operator).
      */
      controlOperator: t(operator),
      /**
      Program or markup punctuation.
      */
      punctuation,
      /**
      [Punctuation](#highlight.tags.punctuation) that separates
      things.
      */
      separator: t(punctuation),
      /**
      Bracket-style [punctuation](#highlight.tags.punctuation).
      */
      bracket,
      /**
      Angle [brackets](#highlight.tags.bracket) (usually `<` and `>`
      tokens).
      */
      angleBracket: t(bracket),
      /**
      Square [brackets](#highlight.tags.bracket) (usually `[` and `]`
      tokens).
      */
      squareBracket: t(bracket),
      /**
      Parentheses (usually `(` and `)` tokens). Subtag of
      [bracket](#highlight.tags.bracket).
      */
      paren: t(bracket),
      /**
      Braces (usually `{` and `}` tokens). Subtag of
      [bracket](#highlight.tags.bracket).
      */
      brace: t(bracket),
      /**
      Content, for example plain text in XML or markup documents.
      */
      content,
      /**
      [Content](#highlight.tags.content) that represents a heading.
      */
      heading,
      /**
      A level 1 [heading](#highlight.tags.heading).
      */
      heading1: t(heading),
      /**
      A level 2 [heading](#highlight.tags.heading).
      */
      heading2: t(heading),
      /**
      A level 3 [heading](#highlight.tags.heading).
      */
      heading3: t(heading),
      /**
      A level 4 [heading](#highlight.tags.heading).
      */
      heading4: t(heading),
      /**
      A level 5 [heading](#highlight.tags.heading).
      */
      heading5: t(heading),
      /**
      A level 6 [heading](#highlight.tags.heading).
      */
      heading6: t(heading),
      /**
      A prose [content](#highlight.tags.content) separator (such as a horizontal rule).
      */
      contentSeparator: t(content),
      /**
      [Content](#highlight.tags.content) that represents a list.
      */
      list: t(content),
      /**
      [Content](#highlight.tags.content) that represents a quote.
      */
      quote: t(content),
      /**
      [Content](#highlight.tags.content) that is emphasized.
      */
      emphasis: t(content),
      /**
      [Content](#highlight.tags.content) that is styled strong.
      */
      strong: t(content),
      /**
      [Content](#highlight.tags.content) that is part of a link.
      */
      link: t(content),
      /**
      [Content](#highlight.tags.content) that is styled as code or
      monospace.
      */
      monospace: t(content),
      /**
      [Content](#highlight.tags.content) that has a strike-through
      style.
      */
      strikethrough: t(content),
      /**
      Inserted text in a change-tracking format.
      */
      inserted: t(),
      /**
      Deleted text.
      */
      deleted: t(),
      /**
      Changed text.
      */
      changed: t(),
      /**
      An invalid or unsyntactic element.
      */
      invalid: t(),
      /**
      Metadata or meta-instruction.
      */
      meta,
      /**
      [Metadata](#highlight.tags.meta) that applies to the entire
      document.
      */
      documentMeta: t(meta),
      /**
      [Metadata](#highlight.tags.meta) that annotates or adds
      attributes to a given syntactic element.
      */
      annotation: t(meta),
      /**
      Processing instruction or preprocessor directive. Subtag of
      [meta](#highlight.tags.meta).
      */
      processingInstruction: t(meta),
      /**
      [Modifier](#highlight.Tag^defineModifier) that indicates that a
      given element is being defined. Expected to be used with the
      various [name](#highlight.tags.name) tags.
      */
      definition: Tag.defineModifier("definition"),
      /**
      [Modifier](#highlight.Tag^defineModifier) that indicates that
      something is constant. Mostly expected to be used with
      [variable names](#highlight.tags.variableName).
      */
      constant: Tag.defineModifier("constant"),
      /**
      [Modifier](#highlight.Tag^defineModifier) used to indicate that
      a [variable](#highlight.tags.variableName) or [property
      name](#highlight.tags.propertyName) is being called or defined
      as a function.
      */
      function: Tag.defineModifier("function"),
      /**
      [Modifier](#highlight.Tag^defineModifier) that can be applied to
      [names](#highlight.tags.name) to indicate that they belong to
      the language's standard environment.
      */
      standard: Tag.defineModifier("standard"),
      /**
      [Modifier](#highlight.Tag^defineModifier) that indicates a given
      [names](#highlight.tags.name) is local to some scope.
      */
      local: Tag.defineModifier("local"),
      /**
      A generic variant [modifier](#highlight.Tag^defineModifier) that
      can be used to tag language-specific alternative variants of
      some common tag. It is recommended for themes to define special
      forms of at least the [string](#highlight.tags.string) and
      [variable name](#highlight.tags.variableName) tags, since those
      come up a lot.
      */
      special: Tag.defineModifier("special")
    };
    for (let name2 in tags) {
      let val = tags[name2];
      if (val instanceof Tag)
        val.name = name2;
    }
    classHighlighter = tagHighlighter([
      { tag: tags.link, class: "tok-link" },
      { tag: tags.heading, class: "tok-heading" },
      { tag: tags.emphasis, class: "tok-emphasis" },
      { tag: tags.strong, class: "tok-strong" },
      { tag: tags.keyword, class: "tok-keyword" },
      { tag: tags.atom, class: "tok-atom" },
      { tag: tags.bool, class: "tok-bool" },
      { tag: tags.url, class: "tok-url" },
      { tag: tags.labelName, class: "tok-labelName" },
      { tag: tags.inserted, class: "tok-inserted" },
      { tag: tags.deleted, class: "tok-deleted" },
      { tag: tags.literal, class: "tok-literal" },
      { tag: tags.string, class: "tok-string" },
      { tag: tags.number, class: "tok-number" },
      { tag: [tags.regexp, tags.escape, tags.special(tags.string)], class: "tok-string2" },
      { tag: tags.variableName, class: "tok-variableName" },
      { tag: tags.local(tags.variableName), class: "tok-variableName tok-local" },
      { tag: tags.definition(tags.variableName), class: "tok-variableName tok-definition" },
      { tag: tags.special(tags.variableName), class: "tok-variableName2" },
      { tag: tags.definition(tags.propertyName), class: "tok-propertyName tok-definition" },
      { tag: tags.typeName, class: "tok-typeName" },
      { tag: tags.namespace, class: "tok-namespace" },
      { tag: tags.className, class: "tok-className" },
      { tag: tags.macroName, class: "tok-macroName" },
      { tag: tags.propertyName, class: "tok-propertyName" },
      { tag: tags.operator, class: "tok-operator" },
      { tag: tags.comment, class: "tok-comment" },
      { tag: tags.meta, class: "tok-meta" },
      { tag: tags.invalid, class: "tok-invalid" },
      { tag: tags.punctuation, class: "tok-punctuation" }
    ]);
  }
});

// node_modules/@lezer/python/dist/index.js
var dist_exports = {};
__export(dist_exports, {
  parser: () => parser
});
function isLineBreak(ch) {
  return ch == newline || ch == carriageReturn;
}
function isHex(ch) {
  return ch >= 48 && ch <= 57 || ch >= 65 && ch <= 70 || ch >= 97 && ch <= 102;
}
function Context(parent, indent2, flags) {
  this.parent = parent;
  this.indent = indent2;
  this.flags = flags;
  this.hash = (parent ? parent.hash + parent.hash << 8 : 0) + indent2 + (indent2 << 4) + flags + (flags << 6);
}
function countIndent(space2) {
  let depth = 0;
  for (let i = 0; i < space2.length; i++)
    depth += space2.charCodeAt(i) == tab ? 8 - depth % 8 : 1;
  return depth;
}
function skipEscape(input, ch) {
  if (ch == letter_o) {
    for (let i = 0; i < 2 && input.next >= 48 && input.next <= 55; i++) input.advance();
  } else if (ch == letter_x) {
    for (let i = 0; i < 2 && isHex(input.next); i++) input.advance();
  } else if (ch == letter_u) {
    for (let i = 0; i < 4 && isHex(input.next); i++) input.advance();
  } else if (ch == letter_U) {
    for (let i = 0; i < 8 && isHex(input.next); i++) input.advance();
  } else if (ch == letter_N) {
    if (input.next == braceOpen) {
      input.advance();
      while (input.next >= 0 && input.next != braceClose && input.next != singleQuote && input.next != doubleQuote && input.next != newline) input.advance();
      if (input.next == braceClose) input.advance();
    }
  }
}
var printKeyword, indent, dedent, newline$1, blankLineStart, newlineBracketed, eof, stringContent, Escape, replacementStart, stringEnd2, ParenL, ParenthesizedExpression, TupleExpression, ComprehensionExpression, BracketL, ArrayExpression, ArrayComprehensionExpression, BraceL, DictionaryExpression, DictionaryComprehensionExpression, SetExpression, SetComprehensionExpression, ArgList, subscript, String$1, stringStart, stringStartD, stringStartL, stringStartLD, stringStartR, stringStartRD, stringStartRL, stringStartRLD, FormatString, stringStartF, stringStartFD, stringStartFL, stringStartFLD, stringStartFR, stringStartFRD, stringStartFRL, stringStartFRLD, FormatReplacement, nestedFormatReplacement, importList, TypeParamList, ParamList, SequencePattern, MappingPattern, PatternArgList, newline, carriageReturn, space, tab, hash, parenOpen, dot, braceOpen, braceClose, singleQuote, doubleQuote, backslash, letter_o, letter_x, letter_N, letter_u, letter_U, bracketed, newlines, indentation, cx_Bracketed, cx_String, cx_DoubleQuote, cx_Long, cx_Raw, cx_Format, topIndent, stringFlags, trackIndent, legacyPrint, strings, pythonHighlighting, spec_identifier, parser;
var init_dist4 = __esm({
  "node_modules/@lezer/python/dist/index.js"() {
    init_dist2();
    init_dist3();
    printKeyword = 1;
    indent = 194;
    dedent = 195;
    newline$1 = 196;
    blankLineStart = 197;
    newlineBracketed = 198;
    eof = 199;
    stringContent = 200;
    Escape = 2;
    replacementStart = 3;
    stringEnd2 = 201;
    ParenL = 24;
    ParenthesizedExpression = 25;
    TupleExpression = 49;
    ComprehensionExpression = 50;
    BracketL = 55;
    ArrayExpression = 56;
    ArrayComprehensionExpression = 57;
    BraceL = 59;
    DictionaryExpression = 60;
    DictionaryComprehensionExpression = 61;
    SetExpression = 62;
    SetComprehensionExpression = 63;
    ArgList = 65;
    subscript = 238;
    String$1 = 71;
    stringStart = 241;
    stringStartD = 242;
    stringStartL = 243;
    stringStartLD = 244;
    stringStartR = 245;
    stringStartRD = 246;
    stringStartRL = 247;
    stringStartRLD = 248;
    FormatString = 72;
    stringStartF = 249;
    stringStartFD = 250;
    stringStartFL = 251;
    stringStartFLD = 252;
    stringStartFR = 253;
    stringStartFRD = 254;
    stringStartFRL = 255;
    stringStartFRLD = 256;
    FormatReplacement = 73;
    nestedFormatReplacement = 77;
    importList = 263;
    TypeParamList = 112;
    ParamList = 130;
    SequencePattern = 151;
    MappingPattern = 152;
    PatternArgList = 155;
    newline = 10;
    carriageReturn = 13;
    space = 32;
    tab = 9;
    hash = 35;
    parenOpen = 40;
    dot = 46;
    braceOpen = 123;
    braceClose = 125;
    singleQuote = 39;
    doubleQuote = 34;
    backslash = 92;
    letter_o = 111;
    letter_x = 120;
    letter_N = 78;
    letter_u = 117;
    letter_U = 85;
    bracketed = /* @__PURE__ */ new Set([
      ParenthesizedExpression,
      TupleExpression,
      ComprehensionExpression,
      importList,
      ArgList,
      ParamList,
      ArrayExpression,
      ArrayComprehensionExpression,
      subscript,
      SetExpression,
      SetComprehensionExpression,
      FormatString,
      FormatReplacement,
      nestedFormatReplacement,
      DictionaryExpression,
      DictionaryComprehensionExpression,
      SequencePattern,
      MappingPattern,
      PatternArgList,
      TypeParamList
    ]);
    newlines = new ExternalTokenizer((input, stack) => {
      let prev;
      if (input.next < 0) {
        input.acceptToken(eof);
      } else if (stack.context.flags & cx_Bracketed) {
        if (isLineBreak(input.next)) input.acceptToken(newlineBracketed, 1);
      } else if (((prev = input.peek(-1)) < 0 || isLineBreak(prev)) && stack.canShift(blankLineStart)) {
        let spaces = 0;
        while (input.next == space || input.next == tab) {
          input.advance();
          spaces++;
        }
        if (input.next == newline || input.next == carriageReturn || input.next == hash)
          input.acceptToken(blankLineStart, -spaces);
      } else if (isLineBreak(input.next)) {
        input.acceptToken(newline$1, 1);
      }
    }, { contextual: true });
    indentation = new ExternalTokenizer((input, stack) => {
      let context = stack.context;
      if (context.flags) return;
      let prev = input.peek(-1);
      if (prev == newline || prev == carriageReturn) {
        let depth = 0, chars = 0;
        for (; ; ) {
          if (input.next == space) depth++;
          else if (input.next == tab) depth += 8 - depth % 8;
          else break;
          input.advance();
          chars++;
        }
        if (depth != context.indent && input.next != newline && input.next != carriageReturn && input.next != hash) {
          if (depth < context.indent) input.acceptToken(dedent, -chars);
          else input.acceptToken(indent);
        }
      }
    });
    cx_Bracketed = 1;
    cx_String = 2;
    cx_DoubleQuote = 4;
    cx_Long = 8;
    cx_Raw = 16;
    cx_Format = 32;
    topIndent = new Context(null, 0, 0);
    stringFlags = new Map([
      [stringStart, 0],
      [stringStartD, cx_DoubleQuote],
      [stringStartL, cx_Long],
      [stringStartLD, cx_Long | cx_DoubleQuote],
      [stringStartR, cx_Raw],
      [stringStartRD, cx_Raw | cx_DoubleQuote],
      [stringStartRL, cx_Raw | cx_Long],
      [stringStartRLD, cx_Raw | cx_Long | cx_DoubleQuote],
      [stringStartF, cx_Format],
      [stringStartFD, cx_Format | cx_DoubleQuote],
      [stringStartFL, cx_Format | cx_Long],
      [stringStartFLD, cx_Format | cx_Long | cx_DoubleQuote],
      [stringStartFR, cx_Format | cx_Raw],
      [stringStartFRD, cx_Format | cx_Raw | cx_DoubleQuote],
      [stringStartFRL, cx_Format | cx_Raw | cx_Long],
      [stringStartFRLD, cx_Format | cx_Raw | cx_Long | cx_DoubleQuote]
    ].map(([term, flags]) => [term, flags | cx_String]));
    trackIndent = new ContextTracker({
      start: topIndent,
      reduce(context, term, _, input) {
        if (context.flags & cx_Bracketed && bracketed.has(term) || (term == String$1 || term == FormatString) && context.flags & cx_String)
          return context.parent;
        return context;
      },
      shift(context, term, stack, input) {
        if (term == indent)
          return new Context(context, countIndent(input.read(input.pos, stack.pos)), 0);
        if (term == dedent)
          return context.parent;
        if (term == ParenL || term == BracketL || term == BraceL || term == replacementStart)
          return new Context(context, 0, cx_Bracketed);
        if (stringFlags.has(term))
          return new Context(context, 0, stringFlags.get(term) | context.flags & cx_Bracketed);
        return context;
      },
      hash(context) {
        return context.hash;
      }
    });
    legacyPrint = new ExternalTokenizer((input) => {
      for (let i = 0; i < 5; i++) {
        if (input.next != "print".charCodeAt(i)) return;
        input.advance();
      }
      if (/\w/.test(String.fromCharCode(input.next))) return;
      for (let off = 0; ; off++) {
        let next = input.peek(off);
        if (next == space || next == tab) continue;
        if (next != parenOpen && next != dot && next != newline && next != carriageReturn && next != hash)
          input.acceptToken(printKeyword);
        return;
      }
    });
    strings = new ExternalTokenizer((input, stack) => {
      let { flags } = stack.context;
      let quote = flags & cx_DoubleQuote ? doubleQuote : singleQuote;
      let long = (flags & cx_Long) > 0;
      let escapes = !(flags & cx_Raw);
      let format = (flags & cx_Format) > 0;
      let start = input.pos;
      for (; ; ) {
        if (input.next < 0) {
          break;
        } else if (format && input.next == braceOpen) {
          if (input.peek(1) == braceOpen) {
            input.advance(2);
          } else {
            if (input.pos == start) {
              input.acceptToken(replacementStart, 1);
              return;
            }
            break;
          }
        } else if (escapes && input.next == backslash) {
          if (input.pos == start) {
            input.advance();
            let escaped = input.next;
            if (escaped >= 0) {
              input.advance();
              skipEscape(input, escaped);
            }
            input.acceptToken(Escape);
            return;
          }
          break;
        } else if (input.next == backslash && !escapes && input.peek(1) > -1) {
          input.advance(2);
        } else if (input.next == quote && (!long || input.peek(1) == quote && input.peek(2) == quote)) {
          if (input.pos == start) {
            input.acceptToken(stringEnd2, long ? 3 : 1);
            return;
          }
          break;
        } else if (input.next == newline) {
          if (long) {
            input.advance();
          } else if (input.pos == start) {
            input.acceptToken(stringEnd2);
            return;
          }
          break;
        } else {
          input.advance();
        }
      }
      if (input.pos > start) input.acceptToken(stringContent);
    });
    pythonHighlighting = styleTags({
      'async "*" "**" FormatConversion FormatSpec': tags.modifier,
      "for while if elif else try except finally return raise break continue with pass assert await yield match case": tags.controlKeyword,
      "in not and or is del": tags.operatorKeyword,
      "from def class global nonlocal lambda": tags.definitionKeyword,
      import: tags.moduleKeyword,
      "with as print": tags.keyword,
      Boolean: tags.bool,
      None: tags.null,
      VariableName: tags.variableName,
      "CallExpression/VariableName": tags.function(tags.variableName),
      "FunctionDefinition/VariableName": tags.function(tags.definition(tags.variableName)),
      "ClassDefinition/VariableName": tags.definition(tags.className),
      PropertyName: tags.propertyName,
      "CallExpression/MemberExpression/PropertyName": tags.function(tags.propertyName),
      Comment: tags.lineComment,
      Number: tags.number,
      String: tags.string,
      FormatString: tags.special(tags.string),
      Escape: tags.escape,
      UpdateOp: tags.updateOperator,
      "ArithOp!": tags.arithmeticOperator,
      BitOp: tags.bitwiseOperator,
      CompareOp: tags.compareOperator,
      AssignOp: tags.definitionOperator,
      Ellipsis: tags.punctuation,
      At: tags.meta,
      "( )": tags.paren,
      "[ ]": tags.squareBracket,
      "{ }": tags.brace,
      ".": tags.derefOperator,
      ", ;": tags.separator
    });
    spec_identifier = { __proto__: null, await: 44, or: 54, and: 56, in: 60, not: 62, is: 64, if: 70, else: 72, lambda: 76, yield: 94, from: 96, async: 102, for: 104, None: 162, True: 164, False: 164, del: 178, pass: 182, break: 186, continue: 190, return: 194, raise: 202, import: 206, as: 208, global: 212, nonlocal: 214, assert: 218, type: 223, elif: 236, while: 240, try: 246, except: 248, finally: 250, with: 254, def: 258, class: 268, match: 279, case: 285 };
    parser = LRParser.deserialize({
      version: 14,
      states: "##jQ`QeOOP$}OSOOO&WQtO'#HUOOQS'#Co'#CoOOQS'#Cp'#CpO'vQdO'#CnO*UQtO'#HTOOQS'#HU'#HUOOQS'#DU'#DUOOQS'#HT'#HTO*rQdO'#D_O+VQdO'#DfO+gQdO'#DjO+zOWO'#DuO,VOWO'#DvO.[QtO'#GuOOQS'#Gu'#GuO'vQdO'#GtO0ZQtO'#GtOOQS'#Eb'#EbO0rQdO'#EcOOQS'#Gs'#GsO0|QdO'#GrOOQV'#Gr'#GrO1XQdO'#FYOOQS'#G^'#G^O1^QdO'#FXOOQV'#IS'#ISOOQV'#Gq'#GqOOQV'#Fq'#FqQ`QeOOO'vQdO'#CqO1lQdO'#C}O1sQdO'#DRO2RQdO'#HYO2cQtO'#EVO'vQdO'#EWOOQS'#EY'#EYOOQS'#E['#E[OOQS'#E^'#E^O2wQdO'#E`O3_QdO'#EdO3rQdO'#EfO3zQtO'#EfO1XQdO'#EiO0rQdO'#ElO1XQdO'#EnO0rQdO'#EtO0rQdO'#EwO4VQdO'#EyO4^QdO'#FOO4iQdO'#EzO0rQdO'#FOO1XQdO'#FQO1XQdO'#FVO4nQdO'#F[P4uOdO'#GpPOOO)CBd)CBdOOQS'#Ce'#CeOOQS'#Cf'#CfOOQS'#Cg'#CgOOQS'#Ch'#ChOOQS'#Ci'#CiOOQS'#Cj'#CjOOQS'#Cl'#ClO'vQdO,59OO'vQdO,59OO'vQdO,59OO'vQdO,59OO'vQdO,59OO'vQdO,59OO5TQdO'#DoOOQS,5:Y,5:YO5hQdO'#HdOOQS,5:],5:]O5uQ!fO,5:]O5zQtO,59YO1lQdO,59bO1lQdO,59bO1lQdO,59bO8jQdO,59bO8oQdO,59bO8vQdO,59jO8}QdO'#HTO:TQdO'#HSOOQS'#HS'#HSOOQS'#D['#D[O:lQdO,59aO'vQdO,59aO:zQdO,59aOOQS,59y,59yO;PQdO,5:RO'vQdO,5:ROOQS,5:Q,5:QO;_QdO,5:QO;dQdO,5:XO'vQdO,5:XO'vQdO,5:VOOQS,5:U,5:UO;uQdO,5:UO;zQdO,5:WOOOW'#Fy'#FyO<POWO,5:aOOQS,5:a,5:aO<[QdO'#HwOOOW'#Dw'#DwOOOW'#Fz'#FzO<lOWO,5:bOOQS,5:b,5:bOOQS'#F}'#F}O<zQtO,5:iO?lQtO,5=`O@VQ#xO,5=`O@vQtO,5=`OOQS,5:},5:}OA_QeO'#GWOBqQdO,5;^OOQV,5=^,5=^OB|QtO'#IPOCkQdO,5;tOOQS-E:[-E:[OOQV,5;s,5;sO4dQdO'#FQOOQV-E9o-E9oOCsQtO,59]OEzQtO,59iOFeQdO'#HVOFpQdO'#HVO1XQdO'#HVOF{QdO'#DTOGTQdO,59mOGYQdO'#HZO'vQdO'#HZO0rQdO,5=tOOQS,5=t,5=tO0rQdO'#EROOQS'#ES'#ESOGwQdO'#GPOHXQdO,58|OHXQdO,58|O*xQdO,5:oOHgQtO'#H]OOQS,5:r,5:rOOQS,5:z,5:zOHzQdO,5;OOI]QdO'#IOO1XQdO'#H}OOQS,5;Q,5;QOOQS'#GT'#GTOIqQtO,5;QOJPQdO,5;QOJUQdO'#IQOOQS,5;T,5;TOJdQdO'#H|OOQS,5;W,5;WOJuQdO,5;YO4iQdO,5;`O4iQdO,5;cOJ}QtO'#ITO'vQdO'#ITOKXQdO,5;eO4VQdO,5;eO0rQdO,5;jO1XQdO,5;lOK^QeO'#EuOLjQgO,5;fO!!kQdO'#IUO4iQdO,5;jO!!vQdO,5;lO!#OQdO,5;qO!#ZQtO,5;vO'vQdO,5;vPOOO,5=[,5=[P!#bOSO,5=[P!#jOdO,5=[O!&bQtO1G.jO!&iQtO1G.jO!)YQtO1G.jO!)dQtO1G.jO!+}QtO1G.jO!,bQtO1G.jO!,uQdO'#HcO!-TQtO'#GuO0rQdO'#HcO!-_QdO'#HbOOQS,5:Z,5:ZO!-gQdO,5:ZO!-lQdO'#HeO!-wQdO'#HeO!.[QdO,5>OOOQS'#Ds'#DsOOQS1G/w1G/wOOQS1G.|1G.|O!/[QtO1G.|O!/cQtO1G.|O1lQdO1G.|O!0OQdO1G/UOOQS'#DZ'#DZO0rQdO,59tOOQS1G.{1G.{O!0VQdO1G/eO!0gQdO1G/eO!0oQdO1G/fO'vQdO'#H[O!0tQdO'#H[O!0yQtO1G.{O!1ZQdO,59iO!2aQdO,5=zO!2qQdO,5=zO!2yQdO1G/mO!3OQtO1G/mOOQS1G/l1G/lO!3`QdO,5=uO!4VQdO,5=uO0rQdO1G/qO!4tQdO1G/sO!4yQtO1G/sO!5ZQtO1G/qOOQS1G/p1G/pOOQS1G/r1G/rOOOW-E9w-E9wOOQS1G/{1G/{O!5kQdO'#HxO0rQdO'#HxO!5|QdO,5>cOOOW-E9x-E9xOOQS1G/|1G/|OOQS-E9{-E9{O!6[Q#xO1G2zO!6{QtO1G2zO'vQdO,5<jOOQS,5<j,5<jOOQS-E9|-E9|OOQS,5<r,5<rOOQS-E:U-E:UOOQV1G0x1G0xO1XQdO'#GRO!7dQtO,5>kOOQS1G1`1G1`O!8RQdO1G1`OOQS'#DV'#DVO0rQdO,5=qOOQS,5=q,5=qO!8WQdO'#FrO!8cQdO,59oO!8kQdO1G/XO!8uQtO,5=uOOQS1G3`1G3`OOQS,5:m,5:mO!9fQdO'#GtOOQS,5<k,5<kOOQS-E9}-E9}O!9wQdO1G.hOOQS1G0Z1G0ZO!:VQdO,5=wO!:gQdO,5=wO0rQdO1G0jO0rQdO1G0jO!:xQdO,5>jO!;ZQdO,5>jO1XQdO,5>jO!;lQdO,5>iOOQS-E:R-E:RO!;qQdO1G0lO!;|QdO1G0lO!<RQdO,5>lO!<aQdO,5>lO!<oQdO,5>hO!=VQdO,5>hO!=hQdO'#EpO0rQdO1G0tO!=sQdO1G0tO!=xQgO1G0zO!AvQgO1G0}O!EqQdO,5>oO!E{QdO,5>oO!FTQtO,5>oO0rQdO1G1PO!F_QdO1G1PO4iQdO1G1UO!!vQdO1G1WOOQV,5;a,5;aO!FdQfO,5;aO!FiQgO1G1QO!JjQdO'#GZO4iQdO1G1QO4iQdO1G1QO!JzQdO,5>pO!KXQdO,5>pO1XQdO,5>pOOQV1G1U1G1UO!KaQdO'#FSO!KrQ!fO1G1WO!KzQdO1G1WOOQV1G1]1G1]O4iQdO1G1]O!LPQdO1G1]O!LXQdO'#F^OOQV1G1b1G1bO!#ZQtO1G1bPOOO1G2v1G2vP!L^OSO1G2vOOQS,5=},5=}OOQS'#Dp'#DpO0rQdO,5=}O!LfQdO,5=|O!LyQdO,5=|OOQS1G/u1G/uO!MRQdO,5>PO!McQdO,5>PO!MkQdO,5>PO!NOQdO,5>PO!N`QdO,5>POOQS1G3j1G3jOOQS7+$h7+$hO!8kQdO7+$pO#!RQdO1G.|O#!YQdO1G.|OOQS1G/`1G/`OOQS,5<`,5<`O'vQdO,5<`OOQS7+%P7+%PO#!aQdO7+%POOQS-E9r-E9rOOQS7+%Q7+%QO#!qQdO,5=vO'vQdO,5=vOOQS7+$g7+$gO#!vQdO7+%PO##OQdO7+%QO##TQdO1G3fOOQS7+%X7+%XO##eQdO1G3fO##mQdO7+%XOOQS,5<_,5<_O'vQdO,5<_O##rQdO1G3aOOQS-E9q-E9qO#$iQdO7+%]OOQS7+%_7+%_O#$wQdO1G3aO#%fQdO7+%_O#%kQdO1G3gO#%{QdO1G3gO#&TQdO7+%]O#&YQdO,5>dO#&sQdO,5>dO#&sQdO,5>dOOQS'#Dx'#DxO#'UO&jO'#DzO#'aO`O'#HyOOOW1G3}1G3}O#'fQdO1G3}O#'nQdO1G3}O#'yQ#xO7+(fO#(jQtO1G2UP#)TQdO'#GOOOQS,5<m,5<mOOQS-E:P-E:POOQS7+&z7+&zOOQS1G3]1G3]OOQS,5<^,5<^OOQS-E9p-E9pOOQS7+$s7+$sO#)bQdO,5=`O#){QdO,5=`O#*^QtO,5<aO#*qQdO1G3cOOQS-E9s-E9sOOQS7+&U7+&UO#+RQdO7+&UO#+aQdO,5<nO#+uQdO1G4UOOQS-E:Q-E:QO#,WQdO1G4UOOQS1G4T1G4TOOQS7+&W7+&WO#,iQdO7+&WOOQS,5<p,5<pO#,tQdO1G4WOOQS-E:S-E:SOOQS,5<l,5<lO#-SQdO1G4SOOQS-E:O-E:OO1XQdO'#EqO#-jQdO'#EqO#-uQdO'#IRO#-}QdO,5;[OOQS7+&`7+&`O0rQdO7+&`O#.SQgO7+&fO!JmQdO'#GXO4iQdO7+&fO4iQdO7+&iO#2QQtO,5<tO'vQdO,5<tO#2[QdO1G4ZOOQS-E:W-E:WO#2fQdO1G4ZO4iQdO7+&kO0rQdO7+&kOOQV7+&p7+&pO!KrQ!fO7+&rO!KzQdO7+&rO`QeO1G0{OOQV-E:X-E:XO4iQdO7+&lO4iQdO7+&lOOQV,5<u,5<uO#2nQdO,5<uO!JmQdO,5<uOOQV7+&l7+&lO#2yQgO7+&lO#6tQdO,5<vO#7PQdO1G4[OOQS-E:Y-E:YO#7^QdO1G4[O#7fQdO'#IWO#7tQdO'#IWO1XQdO'#IWOOQS'#IW'#IWO#8PQdO'#IVOOQS,5;n,5;nO#8XQdO,5;nO0rQdO'#FUOOQV7+&r7+&rO4iQdO7+&rOOQV7+&w7+&wO4iQdO7+&wO#8^QfO,5;xOOQV7+&|7+&|POOO7+(b7+(bO#8cQdO1G3iOOQS,5<c,5<cO#8qQdO1G3hOOQS-E9u-E9uO#9UQdO,5<dO#9aQdO,5<dO#9tQdO1G3kOOQS-E9v-E9vO#:UQdO1G3kO#:^QdO1G3kO#:nQdO1G3kO#:UQdO1G3kOOQS<<H[<<H[O#:yQtO1G1zOOQS<<Hk<<HkP#;WQdO'#FtO8vQdO1G3bO#;eQdO1G3bO#;jQdO<<HkOOQS<<Hl<<HlO#;zQdO7+)QOOQS<<Hs<<HsO#<[QtO1G1yP#<{QdO'#FsO#=YQdO7+)RO#=jQdO7+)RO#=rQdO<<HwO#=wQdO7+({OOQS<<Hy<<HyO#>nQdO,5<bO'vQdO,5<bOOQS-E9t-E9tOOQS<<Hw<<HwOOQS,5<g,5<gO0rQdO,5<gO#>sQdO1G4OOOQS-E9y-E9yO#?^QdO1G4OO<[QdO'#H{OOOO'#D{'#D{OOOO'#F|'#F|O#?oO&jO,5:fOOOW,5>e,5>eOOOW7+)i7+)iO#?zQdO7+)iO#@SQdO1G2zO#@mQdO1G2zP'vQdO'#FuO0rQdO<<IpO1XQdO1G2YP1XQdO'#GSO#AOQdO7+)pO#AaQdO7+)pOOQS<<Ir<<IrP1XQdO'#GUP0rQdO'#GQOOQS,5;],5;]O#ArQdO,5>mO#BQQdO,5>mOOQS1G0v1G0vOOQS<<Iz<<IzOOQV-E:V-E:VO4iQdO<<JQOOQV,5<s,5<sO4iQdO,5<sOOQV<<JQ<<JQOOQV<<JT<<JTO#BYQtO1G2`P#BdQdO'#GYO#BkQdO7+)uO#BuQgO<<JVO4iQdO<<JVOOQV<<J^<<J^O4iQdO<<J^O!KrQ!fO<<J^O#FpQgO7+&gOOQV<<JW<<JWO#FzQgO<<JWOOQV1G2a1G2aO1XQdO1G2aO#JuQdO1G2aO4iQdO<<JWO1XQdO1G2bP0rQdO'#G[O#KQQdO7+)vO#K_QdO7+)vOOQS'#FT'#FTO0rQdO,5>rO#KgQdO,5>rO#KrQdO,5>rO#K}QdO,5>qO#L`QdO,5>qOOQS1G1Y1G1YOOQS,5;p,5;pOOQV<<Jc<<JcO#LhQdO1G1dOOQS7+)T7+)TP#LmQdO'#FwO#L}QdO1G2OO#MbQdO1G2OO#MrQdO1G2OP#M}QdO'#FxO#N[QdO7+)VO#NlQdO7+)VO#NlQdO7+)VO#NtQdO7+)VO$ UQdO7+(|O8vQdO7+(|OOQSAN>VAN>VO$ oQdO<<LmOOQSAN>cAN>cO0rQdO1G1|O$!PQtO1G1|P$!ZQdO'#FvOOQS1G2R1G2RP$!hQdO'#F{O$!uQdO7+)jO$#`QdO,5>gOOOO-E9z-E9zOOOW<<MT<<MTO$#nQdO7+(fOOQSAN?[AN?[OOQS7+'t7+'tO$$XQdO<<M[OOQS,5<q,5<qO$$jQdO1G4XOOQS-E:T-E:TOOQVAN?lAN?lOOQV1G2_1G2_O4iQdOAN?qO$$xQgOAN?qOOQVAN?xAN?xO4iQdOAN?xOOQV<<JR<<JRO4iQdOAN?rO4iQdO7+'{OOQV7+'{7+'{O1XQdO7+'{OOQVAN?rAN?rOOQS7+'|7+'|O$(sQdO<<MbOOQS1G4^1G4^O0rQdO1G4^OOQS,5<w,5<wO$)QQdO1G4]OOQS-E:Z-E:ZOOQU'#G_'#G_O$)cQfO7+'OO$)nQdO'#F_O$*uQdO7+'jO$+VQdO7+'jOOQS7+'j7+'jO$+bQdO<<LqO$+rQdO<<LqO$+rQdO<<LqO$+zQdO'#H^OOQS<<Lh<<LhO$,UQdO<<LhOOQS7+'h7+'hOOQS'#D|'#D|OOOO1G4R1G4RO$,oQdO1G4RO$,wQdO1G4RP!=hQdO'#GVOOQVG25]G25]O4iQdOG25]OOQVG25dG25dOOQVG25^G25^OOQV<<Kg<<KgO4iQdO<<KgOOQS7+)x7+)xP$-SQdO'#G]OOQU-E:]-E:]OOQV<<Jj<<JjO$-vQtO'#FaOOQS'#Fc'#FcO$.WQdO'#FbO$.xQdO'#FbOOQS'#Fb'#FbO$.}QdO'#IYO$)nQdO'#FiO$)nQdO'#FiO$/fQdO'#FjO$)nQdO'#FkO$/mQdO'#IZOOQS'#IZ'#IZO$0[QdO,5;yOOQS<<KU<<KUO$0dQdO<<KUO$0tQdOANB]O$1UQdOANB]O$1^QdO'#H_OOQS'#H_'#H_O1sQdO'#DcO$1wQdO,5=xOOQSANBSANBSOOOO7+)m7+)mO$2`QdO7+)mOOQVLD*wLD*wOOQVANARANARO5uQ!fO'#GaO$2hQtO,5<SO$)nQdO'#FmOOQS,5<W,5<WOOQS'#Fd'#FdO$3YQdO,5;|O$3_QdO,5;|OOQS'#Fg'#FgO$)nQdO'#G`O$4PQdO,5<QO$4kQdO,5>tO$4{QdO,5>tO1XQdO,5<PO$5^QdO,5<TO$5cQdO,5<TO$)nQdO'#I[O$5hQdO'#I[O$5mQdO,5<UOOQS,5<V,5<VO0rQdO'#FpOOQU1G1e1G1eO4iQdO1G1eOOQSAN@pAN@pO$5rQdOG27wO$6SQdO,59}OOQS1G3d1G3dOOOO<<MX<<MXOOQS,5<{,5<{OOQS-E:_-E:_O$6XQtO'#FaO$6`QdO'#I]O$6nQdO'#I]O$6vQdO,5<XOOQS1G1h1G1hO$6{QdO1G1hO$7QQdO,5<zOOQS-E:^-E:^O$7lQdO,5=OO$8TQdO1G4`OOQS-E:b-E:bOOQS1G1k1G1kOOQS1G1o1G1oO$8eQdO,5>vO$)nQdO,5>vOOQS1G1p1G1pOOQS,5<[,5<[OOQU7+'P7+'PO$+zQdO1G/iO$)nQdO,5<YO$8sQdO,5>wO$8zQdO,5>wOOQS1G1s1G1sOOQS7+'S7+'SP$)nQdO'#GdO$9SQdO1G4bO$9^QdO1G4bO$9fQdO1G4bOOQS7+%T7+%TO$9tQdO1G1tO$:SQtO'#FaO$:ZQdO,5<}OOQS,5<},5<}O$:iQdO1G4cOOQS-E:a-E:aO$)nQdO,5<|O$:pQdO,5<|O$:uQdO7+)|OOQS-E:`-E:`O$;PQdO7+)|O$)nQdO,5<ZP$)nQdO'#GcO$;XQdO1G2hO$)nQdO1G2hP$;gQdO'#GbO$;nQdO<<MhO$;xQdO1G1uO$<WQdO7+(SO8vQdO'#C}O8vQdO,59bO8vQdO,59bO8vQdO,59bO$<fQtO,5=`O8vQdO1G.|O0rQdO1G/XO0rQdO7+$pP$<yQdO'#GOO'vQdO'#GtO$=WQdO,59bO$=]QdO,59bO$=dQdO,59mO$=iQdO1G/UO1sQdO'#DRO8vQdO,59j",
      stateData: "$>S~O%cOS%^OSSOS%]PQ~OPdOVaOfoOhYOopOs!POvqO!PrO!Q{O!T!SO!U!RO!XZO!][O!h`O!r`O!s`O!t`O!{tO!}uO#PvO#RwO#TxO#XyO#ZzO#^|O#_|O#a}O#c!OO#l!QO#o!TO#s!UO#u!VO#z!WO#}hO$P!XO%oRO%pRO%tSO%uWO&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O&c^O&d^O&e^O&f^O&g^O&h^O&i^O&j^O~O%]!YO~OV!aO_!aOa!bOh!iO!X!kO!f!mO%j![O%k!]O%l!^O%m!_O%n!_O%o!`O%p!`O%q!aO%r!aO%s!aO~Ok%xXl%xXm%xXn%xXo%xXp%xXs%xXz%xX{%xX!x%xX#g%xX%[%xX%_%xX%z%xXg%xX!T%xX!U%xX%{%xX!W%xX![%xX!Q%xX#[%xXt%xX!m%xX~P%SOfoOhYO!XZO!][O!h`O!r`O!s`O!t`O%oRO%pRO%tSO%uWO&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O&c^O&d^O&e^O&f^O&g^O&h^O&i^O&j^O~Oz%wX{%wX#g%wX%[%wX%_%wX%z%wX~Ok!pOl!qOm!oOn!oOo!rOp!sOs!tO!x%wX~P)pOV!zOg!|Oo0cOv0qO!PrO~P'vOV#OOo0cOv0qO!W#PO~P'vOV#SOa#TOo0cOv0qO![#UO~P'vOQ#XO%`#XO%a#ZO~OQ#^OR#[O%`#^O%a#`O~OV%iX_%iXa%iXh%iXk%iXl%iXm%iXn%iXo%iXp%iXs%iXz%iX!X%iX!f%iX%j%iX%k%iX%l%iX%m%iX%n%iX%o%iX%p%iX%q%iX%r%iX%s%iXg%iX!T%iX!U%iX~O&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O&c^O&d^O&e^O&f^O&g^O&h^O&i^O&j^O{%iX!x%iX#g%iX%[%iX%_%iX%z%iX%{%iX!W%iX![%iX!Q%iX#[%iXt%iX!m%iX~P,eOz#dO{%hX!x%hX#g%hX%[%hX%_%hX%z%hX~Oo0cOv0qO~P'vO#g#gO%[#iO%_#iO~O%uWO~O!T#nO#u!VO#z!WO#}hO~OopO~P'vOV#sOa#tO%uWO{wP~OV#xOo0cOv0qO!Q#yO~P'vO{#{O!x$QO%z#|O#g!yX%[!yX%_!yX~OV#xOo0cOv0qO#g#SX%[#SX%_#SX~P'vOo0cOv0qO#g#WX%[#WX%_#WX~P'vOh$WO%uWO~O!f$YO!r$YO%uWO~OV$eO~P'vO!U$gO#s$hO#u$iO~O{$jO~OV$qO~P'vOS$sO%[$rO%_$rO%c$tO~OV$}Oa$}Og%POo0cOv0qO~P'vOo0cOv0qO{%SO~P'vO&Y%UO~Oa!bOh!iO!X!kO!f!mOVba_bakbalbambanbaobapbasbazba{ba!xba#gba%[ba%_ba%jba%kba%lba%mba%nba%oba%pba%qba%rba%sba%zbagba!Tba!Uba%{ba!Wba![ba!Qba#[batba!mba~On%ZO~Oo%ZO~P'vOo0cO~P'vOk0eOl0fOm0dOn0dOo0mOp0nOs0rOg%wX!T%wX!U%wX%{%wX!W%wX![%wX!Q%wX#[%wX!m%wX~P)pO%{%]Og%vXz%vX!T%vX!U%vX!W%vX{%vX~Og%_Oz%`O!T%dO!U%cO~Og%_O~Oz%gO!T%dO!U%cO!W&SX~O!W%kO~Oz%lO{%nO!T%dO!U%cO![%}X~O![%rO~O![%sO~OQ#XO%`#XO%a%uO~OV%wOo0cOv0qO!PrO~P'vOQ#^OR#[O%`#^O%a%zO~OV!qa_!qaa!qah!qak!qal!qam!qan!qao!qap!qas!qaz!qa{!qa!X!qa!f!qa!x!qa#g!qa%[!qa%_!qa%j!qa%k!qa%l!qa%m!qa%n!qa%o!qa%p!qa%q!qa%r!qa%s!qa%z!qag!qa!T!qa!U!qa%{!qa!W!qa![!qa!Q!qa#[!qat!qa!m!qa~P#yOz%|O{%ha!x%ha#g%ha%[%ha%_%ha%z%ha~P%SOV&OOopOvqO{%ha!x%ha#g%ha%[%ha%_%ha%z%ha~P'vOz%|O{%ha!x%ha#g%ha%[%ha%_%ha%z%ha~OPdOVaOopOvqO!PrO!Q{O!{tO!}uO#PvO#RwO#TxO#XyO#ZzO#^|O#_|O#a}O#c!OO#g$zX%[$zX%_$zX~P'vO#g#gO%[&TO%_&TO~O!f&UOh&sX%[&sXz&sX#[&sX#g&sX%_&sX#Z&sXg&sX~Oh!iO%[&WO~Okealeameaneaoeapeaseazea{ea!xea#gea%[ea%_ea%zeagea!Tea!Uea%{ea!Wea![ea!Qea#[eatea!mea~P%SOsqazqa{qa#gqa%[qa%_qa%zqa~Ok!pOl!qOm!oOn!oOo!rOp!sO!xqa~PEcO%z&YOz%yX{%yX~O%uWOz%yX{%yX~Oz&]O{wX~O{&_O~Oz%lO#g%}X%[%}X%_%}Xg%}X{%}X![%}X!m%}X%z%}X~OV0lOo0cOv0qO!PrO~P'vO%z#|O#gUa%[Ua%_Ua~Oz&hO#g&PX%[&PX%_&PXn&PX~P%SOz&kO!Q&jO#g#Wa%[#Wa%_#Wa~Oz&lO#[&nO#g&rX%[&rX%_&rXg&rX~O!f$YO!r$YO#Z&qO%uWO~O#Z&qO~Oz&sO#g&tX%[&tX%_&tX~Oz&uO#g&pX%[&pX%_&pX{&pX~O!X&wO%z&xO~Oz&|On&wX~P%SOn'PO~OPdOVaOopOvqO!PrO!Q{O!{tO!}uO#PvO#RwO#TxO#XyO#ZzO#^|O#_|O#a}O#c!OO%['UO~P'vOt'YO#p'WO#q'XOP#naV#naf#nah#nao#nas#nav#na!P#na!Q#na!T#na!U#na!X#na!]#na!h#na!r#na!s#na!t#na!{#na!}#na#P#na#R#na#T#na#X#na#Z#na#^#na#_#na#a#na#c#na#l#na#o#na#s#na#u#na#z#na#}#na$P#na%X#na%o#na%p#na%t#na%u#na&Z#na&[#na&]#na&^#na&_#na&`#na&a#na&b#na&c#na&d#na&e#na&f#na&g#na&h#na&i#na&j#na%Z#na%_#na~Oz'ZO#[']O{&xX~Oh'_O!X&wO~Oh!iO{$jO!X&wO~O{'eO~P%SO%['hO%_'hO~OS'iO%['hO%_'hO~OV!aO_!aOa!bOh!iO!X!kO!f!mO%l!^O%m!_O%n!_O%o!`O%p!`O%q!aO%r!aO%s!aOkWilWimWinWioWipWisWizWi{Wi!xWi#gWi%[Wi%_Wi%jWi%zWigWi!TWi!UWi%{Wi!WWi![Wi!QWi#[WitWi!mWi~O%k!]O~P!#uO%kWi~P!#uOV!aO_!aOa!bOh!iO!X!kO!f!mO%o!`O%p!`O%q!aO%r!aO%s!aOkWilWimWinWioWipWisWizWi{Wi!xWi#gWi%[Wi%_Wi%jWi%kWi%lWi%zWigWi!TWi!UWi%{Wi!WWi![Wi!QWi#[WitWi!mWi~O%m!_O%n!_O~P!&pO%mWi%nWi~P!&pOa!bOh!iO!X!kO!f!mOkWilWimWinWioWipWisWizWi{Wi!xWi#gWi%[Wi%_Wi%jWi%kWi%lWi%mWi%nWi%oWi%pWi%zWigWi!TWi!UWi%{Wi!WWi![Wi!QWi#[WitWi!mWi~OV!aO_!aO%q!aO%r!aO%s!aO~P!)nOVWi_Wi%qWi%rWi%sWi~P!)nO!T%dO!U%cOg&VXz&VX~O%z'kO%{'kO~P,eOz'mOg&UX~Og'oO~Oz'pO{'rO!W&XX~Oo0cOv0qOz'pO{'sO!W&XX~P'vO!W'uO~Om!oOn!oOo!rOp!sOkjisjizji{ji!xji#gji%[ji%_ji%zji~Ol!qO~P!.aOlji~P!.aOk0eOl0fOm0dOn0dOo0mOp0nO~Ot'wO~P!/jOV'|Og'}Oo0cOv0qO~P'vOg'}Oz(OO~Og(QO~O!U(SO~Og(TOz(OO!T%dO!U%cO~P%SOk0eOl0fOm0dOn0dOo0mOp0nOgqa!Tqa!Uqa%{qa!Wqa![qa!Qqa#[qatqa!mqa~PEcOV'|Oo0cOv0qO!W&Sa~P'vOz(WO!W&Sa~O!W(XO~Oz(WO!T%dO!U%cO!W&Sa~P%SOV(]Oo0cOv0qO![%}a#g%}a%[%}a%_%}ag%}a{%}a!m%}a%z%}a~P'vOz(^O![%}a#g%}a%[%}a%_%}ag%}a{%}a!m%}a%z%}a~O![(aO~Oz(^O!T%dO!U%cO![%}a~P%SOz(dO!T%dO!U%cO![&Ta~P%SOz(gO{&lX![&lX!m&lX%z&lX~O{(kO![(mO!m(nO%z(jO~OV&OOopOvqO{%hi!x%hi#g%hi%[%hi%_%hi%z%hi~P'vOz(pO{%hi!x%hi#g%hi%[%hi%_%hi%z%hi~O!f&UOh&sa%[&saz&sa#[&sa#g&sa%_&sa#Z&sag&sa~O%[(uO~OV#sOa#tO%uWO~Oz&]O{wa~OopOvqO~P'vOz(^O#g%}a%[%}a%_%}ag%}a{%}a![%}a!m%}a%z%}a~P%SOz(zO#g%hX%[%hX%_%hX%z%hX~O%z#|O#gUi%[Ui%_Ui~O#g&Pa%[&Pa%_&Pan&Pa~P'vOz(}O#g&Pa%[&Pa%_&Pan&Pa~O%uWO#g&ra%[&ra%_&rag&ra~Oz)SO#g&ra%[&ra%_&rag&ra~Og)VO~OV)WOh$WO%uWO~O#Z)XO~O%uWO#g&ta%[&ta%_&ta~Oz)ZO#g&ta%[&ta%_&ta~Oo0cOv0qO#g&pa%[&pa%_&pa{&pa~P'vOz)^O#g&pa%[&pa%_&pa{&pa~OV)`Oa)`O%uWO~O%z)eO~Ot)hO#j)gOP#hiV#hif#hih#hio#his#hiv#hi!P#hi!Q#hi!T#hi!U#hi!X#hi!]#hi!h#hi!r#hi!s#hi!t#hi!{#hi!}#hi#P#hi#R#hi#T#hi#X#hi#Z#hi#^#hi#_#hi#a#hi#c#hi#l#hi#o#hi#s#hi#u#hi#z#hi#}#hi$P#hi%X#hi%o#hi%p#hi%t#hi%u#hi&Z#hi&[#hi&]#hi&^#hi&_#hi&`#hi&a#hi&b#hi&c#hi&d#hi&e#hi&f#hi&g#hi&h#hi&i#hi&j#hi%Z#hi%_#hi~Ot)iOP#kiV#kif#kih#kio#kis#kiv#ki!P#ki!Q#ki!T#ki!U#ki!X#ki!]#ki!h#ki!r#ki!s#ki!t#ki!{#ki!}#ki#P#ki#R#ki#T#ki#X#ki#Z#ki#^#ki#_#ki#a#ki#c#ki#l#ki#o#ki#s#ki#u#ki#z#ki#}#ki$P#ki%X#ki%o#ki%p#ki%t#ki%u#ki&Z#ki&[#ki&]#ki&^#ki&_#ki&`#ki&a#ki&b#ki&c#ki&d#ki&e#ki&f#ki&g#ki&h#ki&i#ki&j#ki%Z#ki%_#ki~OV)kOn&wa~P'vOz)lOn&wa~Oz)lOn&wa~P%SOn)pO~O%Y)tO~Ot)wO#p'WO#q)vOP#niV#nif#nih#nio#nis#niv#ni!P#ni!Q#ni!T#ni!U#ni!X#ni!]#ni!h#ni!r#ni!s#ni!t#ni!{#ni!}#ni#P#ni#R#ni#T#ni#X#ni#Z#ni#^#ni#_#ni#a#ni#c#ni#l#ni#o#ni#s#ni#u#ni#z#ni#}#ni$P#ni%X#ni%o#ni%p#ni%t#ni%u#ni&Z#ni&[#ni&]#ni&^#ni&_#ni&`#ni&a#ni&b#ni&c#ni&d#ni&e#ni&f#ni&g#ni&h#ni&i#ni&j#ni%Z#ni%_#ni~OV)zOo0cOv0qO{$jO~P'vOo0cOv0qO{&xa~P'vOz*OO{&xa~OV*SOa*TOg*WO%q*UO%uWO~O{$jO&{*YO~Oh'_O~Oh!iO{$jO~O%[*_O~O%[*aO%_*aO~OV$}Oa$}Oo0cOv0qOg&Ua~P'vOz*dOg&Ua~Oo0cOv0qO{*gO!W&Xa~P'vOz*hO!W&Xa~Oo0cOv0qOz*hO{*kO!W&Xa~P'vOo0cOv0qOz*hO!W&Xa~P'vOz*hO{*kO!W&Xa~Om0dOn0dOo0mOp0nOgjikjisjizji!Tji!Uji%{ji!Wji{ji![ji#gji%[ji%_ji!Qji#[jitji!mji%zji~Ol0fO~P!NkOlji~P!NkOV'|Og*pOo0cOv0qO~P'vOn*rO~Og*pOz*tO~Og*uO~OV'|Oo0cOv0qO!W&Si~P'vOz*vO!W&Si~O!W*wO~OV(]Oo0cOv0qO![%}i#g%}i%[%}i%_%}ig%}i{%}i!m%}i%z%}i~P'vOz*zO!T%dO!U%cO![&Ti~Oz*}O![%}i#g%}i%[%}i%_%}ig%}i{%}i!m%}i%z%}i~O![+OO~Oa+QOo0cOv0qO![&Ti~P'vOz*zO![&Ti~O![+SO~OV+UOo0cOv0qO{&la![&la!m&la%z&la~P'vOz+VO{&la![&la!m&la%z&la~O!]+YO&n+[O![!nX~O![+^O~O{(kO![+_O~O{(kO![+_O!m+`O~OV&OOopOvqO{%hq!x%hq#g%hq%[%hq%_%hq%z%hq~P'vOz$ri{$ri!x$ri#g$ri%[$ri%_$ri%z$ri~P%SOV&OOopOvqO~P'vOV&OOo0cOv0qO#g%ha%[%ha%_%ha%z%ha~P'vOz+aO#g%ha%[%ha%_%ha%z%ha~Oz$ia#g$ia%[$ia%_$ian$ia~P%SO#g&Pi%[&Pi%_&Pin&Pi~P'vOz+dO#g#Wq%[#Wq%_#Wq~O#[+eOz$va#g$va%[$va%_$vag$va~O%uWO#g&ri%[&ri%_&rig&ri~Oz+gO#g&ri%[&ri%_&rig&ri~OV+iOh$WO%uWO~O%uWO#g&ti%[&ti%_&ti~Oo0cOv0qO#g&pi%[&pi%_&pi{&pi~P'vO{#{Oz#eX!W#eX~Oz+mO!W&uX~O!W+oO~Ot+rO#j)gOP#hqV#hqf#hqh#hqo#hqs#hqv#hq!P#hq!Q#hq!T#hq!U#hq!X#hq!]#hq!h#hq!r#hq!s#hq!t#hq!{#hq!}#hq#P#hq#R#hq#T#hq#X#hq#Z#hq#^#hq#_#hq#a#hq#c#hq#l#hq#o#hq#s#hq#u#hq#z#hq#}#hq$P#hq%X#hq%o#hq%p#hq%t#hq%u#hq&Z#hq&[#hq&]#hq&^#hq&_#hq&`#hq&a#hq&b#hq&c#hq&d#hq&e#hq&f#hq&g#hq&h#hq&i#hq&j#hq%Z#hq%_#hq~On$|az$|a~P%SOV)kOn&wi~P'vOz+yOn&wi~Oz,TO{$jO#[,TO~O#q,VOP#nqV#nqf#nqh#nqo#nqs#nqv#nq!P#nq!Q#nq!T#nq!U#nq!X#nq!]#nq!h#nq!r#nq!s#nq!t#nq!{#nq!}#nq#P#nq#R#nq#T#nq#X#nq#Z#nq#^#nq#_#nq#a#nq#c#nq#l#nq#o#nq#s#nq#u#nq#z#nq#}#nq$P#nq%X#nq%o#nq%p#nq%t#nq%u#nq&Z#nq&[#nq&]#nq&^#nq&_#nq&`#nq&a#nq&b#nq&c#nq&d#nq&e#nq&f#nq&g#nq&h#nq&i#nq&j#nq%Z#nq%_#nq~O#[,WOz%Oa{%Oa~Oo0cOv0qO{&xi~P'vOz,YO{&xi~O{#{O%z,[Og&zXz&zX~O%uWOg&zXz&zX~Oz,`Og&yX~Og,bO~O%Y,eO~O!T%dO!U%cOg&Viz&Vi~OV$}Oa$}Oo0cOv0qOg&Ui~P'vO{,hOz$la!W$la~Oo0cOv0qO{,iOz$la!W$la~P'vOo0cOv0qO{*gO!W&Xi~P'vOz,lO!W&Xi~Oo0cOv0qOz,lO!W&Xi~P'vOz,lO{,oO!W&Xi~Og$hiz$hi!W$hi~P%SOV'|Oo0cOv0qO~P'vOn,qO~OV'|Og,rOo0cOv0qO~P'vOV'|Oo0cOv0qO!W&Sq~P'vOz$gi![$gi#g$gi%[$gi%_$gig$gi{$gi!m$gi%z$gi~P%SOV(]Oo0cOv0qO~P'vOa+QOo0cOv0qO![&Tq~P'vOz,sO![&Tq~O![,tO~OV(]Oo0cOv0qO![%}q#g%}q%[%}q%_%}qg%}q{%}q!m%}q%z%}q~P'vO{,uO~OV+UOo0cOv0qO{&li![&li!m&li%z&li~P'vOz,zO{&li![&li!m&li%z&li~O!]+YO&n+[O![!na~O{(kO![,}O~OV&OOo0cOv0qO#g%hi%[%hi%_%hi%z%hi~P'vOz-OO#g%hi%[%hi%_%hi%z%hi~O%uWO#g&rq%[&rq%_&rqg&rq~Oz-RO#g&rq%[&rq%_&rqg&rq~OV)`Oa)`O%uWO!W&ua~Oz-TO!W&ua~On$|iz$|i~P%SOV)kO~P'vOV)kOn&wq~P'vOt-XOP#myV#myf#myh#myo#mys#myv#my!P#my!Q#my!T#my!U#my!X#my!]#my!h#my!r#my!s#my!t#my!{#my!}#my#P#my#R#my#T#my#X#my#Z#my#^#my#_#my#a#my#c#my#l#my#o#my#s#my#u#my#z#my#}#my$P#my%X#my%o#my%p#my%t#my%u#my&Z#my&[#my&]#my&^#my&_#my&`#my&a#my&b#my&c#my&d#my&e#my&f#my&g#my&h#my&i#my&j#my%Z#my%_#my~O%Z-]O%_-]O~P`O#q-^OP#nyV#nyf#nyh#nyo#nys#nyv#ny!P#ny!Q#ny!T#ny!U#ny!X#ny!]#ny!h#ny!r#ny!s#ny!t#ny!{#ny!}#ny#P#ny#R#ny#T#ny#X#ny#Z#ny#^#ny#_#ny#a#ny#c#ny#l#ny#o#ny#s#ny#u#ny#z#ny#}#ny$P#ny%X#ny%o#ny%p#ny%t#ny%u#ny&Z#ny&[#ny&]#ny&^#ny&_#ny&`#ny&a#ny&b#ny&c#ny&d#ny&e#ny&f#ny&g#ny&h#ny&i#ny&j#ny%Z#ny%_#ny~Oz-aO{$jO#[-aO~Oo0cOv0qO{&xq~P'vOz-dO{&xq~O%z,[Og&zaz&za~O{#{Og&zaz&za~OV*SOa*TO%q*UO%uWOg&ya~Oz-hOg&ya~O$S-lO~OV$}Oa$}Oo0cOv0qO~P'vOo0cOv0qO{-mOz$li!W$li~P'vOo0cOv0qOz$li!W$li~P'vO{-mOz$li!W$li~Oo0cOv0qO{*gO~P'vOo0cOv0qO{*gO!W&Xq~P'vOz-pO!W&Xq~Oo0cOv0qOz-pO!W&Xq~P'vOs-sO!T%dO!U%cOg&Oq!W&Oq![&Oqz&Oq~P!/jOa+QOo0cOv0qO![&Ty~P'vOz$ji![$ji~P%SOa+QOo0cOv0qO~P'vOV+UOo0cOv0qO~P'vOV+UOo0cOv0qO{&lq![&lq!m&lq%z&lq~P'vO{(kO![-xO!m-yO%z-wO~OV&OOo0cOv0qO#g%hq%[%hq%_%hq%z%hq~P'vO%uWO#g&ry%[&ry%_&ryg&ry~OV)`Oa)`O%uWO!W&ui~Ot-}OP#m!RV#m!Rf#m!Rh#m!Ro#m!Rs#m!Rv#m!R!P#m!R!Q#m!R!T#m!R!U#m!R!X#m!R!]#m!R!h#m!R!r#m!R!s#m!R!t#m!R!{#m!R!}#m!R#P#m!R#R#m!R#T#m!R#X#m!R#Z#m!R#^#m!R#_#m!R#a#m!R#c#m!R#l#m!R#o#m!R#s#m!R#u#m!R#z#m!R#}#m!R$P#m!R%X#m!R%o#m!R%p#m!R%t#m!R%u#m!R&Z#m!R&[#m!R&]#m!R&^#m!R&_#m!R&`#m!R&a#m!R&b#m!R&c#m!R&d#m!R&e#m!R&f#m!R&g#m!R&h#m!R&i#m!R&j#m!R%Z#m!R%_#m!R~Oo0cOv0qO{&xy~P'vOV*SOa*TO%q*UO%uWOg&yi~O$S-lO%Z.VO%_.VO~OV.aOh._O!X.^O!].`O!h.YO!s.[O!t.[O%p.XO%uWO&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O~Oo0cOv0qOz$lq!W$lq~P'vO{.fOz$lq!W$lq~Oo0cOv0qO{*gO!W&Xy~P'vOz.gO!W&Xy~Oo0cOv.kO~P'vOs-sO!T%dO!U%cOg&Oy!W&Oy![&Oyz&Oy~P!/jO{(kO![.nO~O{(kO![.nO!m.oO~OV*SOa*TO%q*UO%uWO~Oh.tO!f.rOz$TX#[$TX%j$TXg$TX~Os$TX{$TX!W$TX![$TX~P$-bO%o.vO%p.vOs$UXz$UX{$UX#[$UX%j$UX!W$UXg$UX![$UX~O!h.xO~Oz.|O#[/OO%j.yOs&|X{&|X!W&|Xg&|X~Oa/RO~P$)zOh.tOs&}Xz&}X{&}X#[&}X%j&}X!W&}Xg&}X![&}X~Os/VO{$jO~Oo0cOv0qOz$ly!W$ly~P'vOo0cOv0qO{*gO!W&X!R~P'vOz/ZO!W&X!R~Og&RXs&RX!T&RX!U&RX!W&RX![&RXz&RX~P!/jOs-sO!T%dO!U%cOg&Qa!W&Qa![&Qaz&Qa~O{(kO![/^O~O!f.rOh$[as$[az$[a{$[a#[$[a%j$[a!W$[ag$[a![$[a~O!h/eO~O%o.vO%p.vOs$Uaz$Ua{$Ua#[$Ua%j$Ua!W$Uag$Ua![$Ua~O%j.yOs$Yaz$Ya{$Ya#[$Ya!W$Yag$Ya![$Ya~Os&|a{&|a!W&|ag&|a~P$)nOz/jOs&|a{&|a!W&|ag&|a~O!W/mO~Og/mO~O{/oO~O![/pO~Oo0cOv0qO{*gO!W&X!Z~P'vO{/sO~O%z/tO~P$-bOz/uO#[/OO%j.yOg'PX~Oz/uOg'PX~Og/wO~O!h/xO~O#[/OOs%Saz%Sa{%Sa%j%Sa!W%Sag%Sa![%Sa~O#[/OO%j.yOs%Waz%Wa{%Wa!W%Wag%Wa~Os&|i{&|i!W&|ig&|i~P$)nOz/zO#[/OO%j.yO!['Oa~Og'Pa~P$)nOz0SOg'Pa~Oa0UO!['Oi~P$)zOz0WO!['Oi~Oz0WO#[/OO%j.yO!['Oi~O#[/OO%j.yOg$biz$bi~O%z0ZO~P$-bO#[/OO%j.yOg%Vaz%Va~Og'Pi~P$)nO{0^O~Oa0UO!['Oq~P$)zOz0`O!['Oq~O#[/OO%j.yOz%Ui![%Ui~Oa0UO~P$)zOa0UO!['Oy~P$)zO#[/OO%j.yOg$ciz$ci~O#[/OO%j.yOz%Uq![%Uq~Oz+aO#g%ha%[%ha%_%ha%z%ha~P%SOV&OOo0cOv0qO~P'vOn0hO~Oo0hO~P'vO{0iO~Ot0jO~P!/jO&]&Z&j&h&i&g&f&d&e&c&b&`&a&_&^&[%u~",
      goto: "!=j'QPPPPPP'RP'Z*s+[+t,_,y-fP.SP'Z.r.r'ZPPP'Z2[PPPPPP2[5PPP5PP7b7k=sPP=v>h>kPP'Z'ZPP>zPP'Z'ZPP'Z'Z'Z'Z'Z?O?w'ZP?zP@QDXGuGyPG|HWH['ZPPPH_Hk'RP'R'RP'RP'RP'RP'RP'R'R'RP'RPP'RPP'RP'RPHqH}IVPI^IdPI^PI^I^PPPI^PKrPK{LVL]KrPI^LfPI^PLmLsPLwM]MzNeLwLwNkNxLwLwLwLw! ^! d! g! l! o! y!!P!!]!!o!!u!#P!#V!#s!#y!$P!$Z!$a!$g!$y!%T!%Z!%a!%k!%q!%w!%}!&T!&Z!&e!&k!&u!&{!'U!'[!'k!'s!'}!(UPPPPPPPPPPP!([!(_!(e!(n!(x!)TPPPPPPPPPPPP!-u!/Z!3^!6oPP!6w!7W!7a!8Y!8P!8c!8i!8l!8o!8r!8z!9jPPPPPPPPPPPPPPPPP!9m!9q!9wP!:]!:a!:m!:v!;S!;j!;m!;p!;v!;|!<S!<VP!<_!<h!=d!=g]eOn#g$j)t,P'}`OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0r{!cQ#c#p$R$d$p%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g}!dQ#c#p$R$d$p$u%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!P!eQ#c#p$R$d$p$u$v%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!R!fQ#c#p$R$d$p$u$v$w%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!T!gQ#c#p$R$d$p$u$v$w$x%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!V!hQ#c#p$R$d$p$u$v$w$x$y%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!Z!hQ!n#c#p$R$d$p$u$v$w$x$y$z%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g'}TOTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0r&eVOYZ[dnprxy}!P!Q!U!i!k!o!p!q!s!t#[#d#g#y#{#}$Q$h$j$}%S%Z%^%`%g%l%n%w%|&Z&_&j&k&u&x'P'W'Z'l'm'p'r's'w(O(W(^(d(g(p(r(z)^)e)g)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+U+V+Y+a+d+k,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0n0r%oXOYZ[dnrxy}!P!Q!U!i!k#[#d#g#y#{#}$Q$h$j$}%S%^%`%g%l%n%w%|&Z&_&j&k&u&x'P'W'Z'l'm'p'r's'w(O(W(^(d(g(p(r(z)^)e)g)p)t)z*O*Y*d*g*h*k*q*t*v*y*z*}+U+V+Y+a+d+k,P,X,Y,],g,h,i,k,l,o,s,u,w,y,z-O-d-f-m-p.f.g/V/Z0i0j0kQ#vqQ/[.kR0o0q't`OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0rh#jhz{$W$Z&l&q)S)X+f+g-RW#rq&].k0qQ$]|Q$a!OQ$n!VQ$o!WW$|!i'm*d,gS&[#s#tQ'S$iQ(s&UQ)U&nU)Y&s)Z+jW)a&w+m-T-{Q*Q']W*R'_,`-h.TQ+l)`S,_*S*TQ-Q+eQ-_,TQ-c,WQ.R-al.W-l.^._.a.z.|/R/j/o/t/y0U0Z0^Q/S.`Q/a.tQ/l/OU0P/u0S0[X0V/z0W0_0`R&Z#r!_!wYZ!P!Q!k%S%`%g'p'r's(O(W)g*g*h*k*q*t*v,h,i,k,l,o-m-p.f.g/ZR%^!vQ!{YQ%x#[Q&d#}Q&g$QR,{+YT.j-s/s!Y!jQ!n#c#p$R$d$p$u$v$w$x$y$z%e%j%p%q&`'O'g(q(|)j*o*x+w,v0gQ&X#kQ'c$oR*^'dR'l$|Q%V!mR/_.r'|_OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0rS#a_#b!P.[-l.^._.`.a.t.z.|/R/j/o/t/u/y/z0S0U0W0Z0[0^0_0`'|_OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0rT#a_#bT#^^#_R(o%xa(l%x(n(o+`,{-y-z.oT+[(k+]R-z,{Q$PsQ+l)aQ,^*RR-e,_X#}s$O$P&fQ&y$aQ'a$nQ'd$oR)s'SQ)b&wV-S+m-T-{ZgOn$j)t,PXkOn)t,PQ$k!TQ&z$bQ&{$cQ'^$mQ'b$oQ)q'RQ)x'WQ){'XQ)|'YQ*Z'`S*]'c'dQ+s)gQ+u)hQ+v)iQ+z)oS+|)r*[Q,Q)vQ,R)wS,S)y)zQ,d*^Q-V+rQ-W+tQ-Y+{S-Z+},OQ-`,UQ-b,VQ-|-XQ.O-[Q.P-^Q.Q-_Q.p-}Q.q.RQ/W.dR/r/XWkOn)t,PR#mjQ'`$nS)r'S'aR,O)sQ,]*RR-f,^Q*['`Q+})rR-[,OZiOjn)t,PQ'f$pR*`'gT-j,e-ku.c-l.^._.a.t.z.|/R/j/o/t/u/y0S0U0Z0[0^t.c-l.^._.a.t.z.|/R/j/o/t/u/y0S0U0Z0[0^Q/S.`X0V/z0W0_0`!P.Z-l.^._.`.a.t.z.|/R/j/o/t/u/y/z0S0U0W0Z0[0^0_0`Q.w.YR/f.xg.z.].{/b/i/n/|0O0Q0]0a0bu.b-l.^._.a.t.z.|/R/j/o/t/u/y0S0U0Z0[0^X.u.W.b/a0PR/c.tV0R/u0S0[R/X.dQnOS#on,PR,P)tQ&^#uR(x&^S%m#R#wS(_%m(bT(b%p&`Q%a!yQ%h!}W(P%a%h(U(YQ(U%eR(Y%jQ&i$RR)O&iQ(e%qQ*{(`T+R(e*{Q'n%OR*e'nS'q%R%SY*i'q*j,m-q.hU*j'r's'tU,m*k*l*mS-q,n,oR.h-rQ#Y]R%t#YQ#_^R%y#_Q(h%vS+W(h+XR+X(iQ+](kR,|+]Q#b_R%{#bQ#ebQ%}#cW&Q#e%}({+bQ({&cR+b0gQ$OsS&e$O&fR&f$PQ&v$_R)_&vQ&V#jR(t&VQ&m$VS)T&m+hR+h)UQ$Z{R&p$ZQ&t$]R)[&tQ+n)bR-U+nQ#hfR&S#hQ)f&zR+q)fQ&}$dS)m&})nR)n'OQ'V$kR)u'VQ'[$lS*P'[,ZR,Z*QQ,a*VR-i,aWjOn)t,PR#ljQ-k,eR.U-kd.{.]/b/i/n/|0O0Q0]0a0bR/h.{U.s.W/a0PR/`.sQ/{/nS0X/{0YR0Y/|S/v/b/cR0T/vQ.}.]R/k.}R!ZPXmOn)t,PWlOn)t,PR'T$jYfOn$j)t,PR&R#g[sOn#g$j)t,PR&d#}&dQOYZ[dnprxy}!P!Q!U!i!k!o!p!q!s!t#[#d#g#y#{#}$Q$h$j$}%S%Z%^%`%g%l%n%w%|&Z&_&j&k&u&x'P'W'Z'l'm'p'r's'w(O(W(^(d(g(p(r(z)^)e)g)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+U+V+Y+a+d+k,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0n0rQ!nTQ#caQ#poU$Rt%c(SS$d!R$gQ$p!XQ$u!cQ$v!dQ$w!eQ$x!fQ$y!gQ$z!hQ%e!zQ%j#OQ%p#SQ%q#TQ&`#xQ'O$eQ'g$qQ(q&OU(|&h(}+cW)j&|)l+x+yQ*o'|Q*x(]Q+w)kQ,v+QR0g0lQ!yYQ!}ZQ$b!PQ$c!QQ%R!kQ't%S^'{%`%g(O(W*q*t*v^*f'p*h,k,l-p.g/ZQ*l'rQ*m'sQ+t)gQ,j*gQ,n*kQ-n,hQ-o,iQ-r,oQ.e-mR/Y.f[bOn#g$j)t,P!^!vYZ!P!Q!k%S%`%g'p'r's(O(W)g*g*h*k*q*t*v,h,i,k,l,o-m-p.f.g/ZQ#R[Q#fdS#wrxQ$UyW$_}$Q'P)pS$l!U$hW${!i'm*d,gS%v#[+Y`&P#d%|(p(r(z+a-O0kQ&a#yQ&b#{Q&c#}Q'j$}Q'z%^W([%l(^*y*}Q(`%nQ(i%wQ(v&ZS(y&_0iQ)P&jQ)Q&kU)]&u)^+kQ)d&xQ)y'WY)}'Z*O,X,Y-dQ*b'lS*n'w0jW+P(d*z,s,wW+T(g+V,y,zQ+p)eQ,U)zQ,c*YQ,x+UQ-P+dQ-e,]Q-v,uQ.S-fR/q/VhUOn#d#g$j%|&_'w(p(r)t,P%U!uYZ[drxy}!P!Q!U!i!k#[#y#{#}$Q$h$}%S%^%`%g%l%n%w&Z&j&k&u&x'P'W'Z'l'm'p'r's(O(W(^(d(g(z)^)e)g)p)z*O*Y*d*g*h*k*q*t*v*y*z*}+U+V+Y+a+d+k,X,Y,],g,h,i,k,l,o,s,u,w,y,z-O-d-f-m-p.f.g/V/Z0i0j0kQ#qpW%W!o!s0d0nQ%X!pQ%Y!qQ%[!tQ%f0cS'v%Z0hQ'x0eQ'y0fQ,p*rQ-u,qS.i-s/sR0p0rU#uq.k0qR(w&][cOn#g$j)t,PZ!xY#[#}$Q+YQ#W[Q#zrR$TxQ%b!yQ%i!}Q%o#RQ'j${Q(V%eQ(Z%jQ(c%pQ(f%qQ*|(`Q,f*bQ-t,pQ.m-uR/].lQ$StQ(R%cR*s(SQ.l-sR/}/sR#QZR#V[R%Q!iQ%O!iV*c'm*d,g!Z!lQ!n#c#p$R$d$p$u$v$w$x$y$z%e%j%p%q&`'O'g(q(|)j*o*x+w,v0gR%T!kT#]^#_Q%x#[R,{+YQ(m%xS+_(n(oQ,}+`Q-x,{S.n-y-zR/^.oT+Z(k+]Q$`}Q&g$QQ)o'PR+{)pQ$XzQ)W&qR+i)XQ$XzQ&o$WQ)W&qR+i)XQ#khW$Vz$W&q)XQ$[{Q&r$ZZ)R&l)S+f+g-RR$^|R)c&wXlOn)t,PQ$f!RR'Q$gQ$m!UR'R$hR*X'_Q*V'_V-g,`-h.TQ.d-lQ/P.^R/Q._U.]-l.^._Q/U.aQ/b.tQ/g.zU/i.|/j/yQ/n/RQ/|/oQ0O/tU0Q/u0S0[Q0]0UQ0a0ZR0b0^R/T.`R/d.t",
      nodeNames: "\u26A0 print Escape { Comment Script AssignStatement * BinaryExpression BitOp BitOp BitOp BitOp ArithOp ArithOp @ ArithOp ** UnaryExpression ArithOp BitOp AwaitExpression await ) ( ParenthesizedExpression BinaryExpression or and CompareOp in not is UnaryExpression ConditionalExpression if else LambdaExpression lambda ParamList VariableName AssignOp , : NamedExpression AssignOp YieldExpression yield from TupleExpression ComprehensionExpression async for LambdaExpression ] [ ArrayExpression ArrayComprehensionExpression } { DictionaryExpression DictionaryComprehensionExpression SetExpression SetComprehensionExpression CallExpression ArgList AssignOp MemberExpression . PropertyName Number String FormatString FormatReplacement FormatSelfDoc FormatConversion FormatSpec FormatReplacement FormatSelfDoc ContinuedString Ellipsis None Boolean TypeDef AssignOp UpdateStatement UpdateOp ExpressionStatement DeleteStatement del PassStatement pass BreakStatement break ContinueStatement continue ReturnStatement return YieldStatement PrintStatement RaiseStatement raise ImportStatement import as ScopeStatement global nonlocal AssertStatement assert TypeDefinition type TypeParamList TypeParam StatementGroup ; IfStatement Body elif WhileStatement while ForStatement TryStatement try except finally WithStatement with FunctionDefinition def ParamList AssignOp TypeDef ClassDefinition class DecoratedStatement Decorator At MatchStatement match MatchBody MatchClause case CapturePattern LiteralPattern ArithOp ArithOp AsPattern OrPattern LogicOp AttributePattern SequencePattern MappingPattern StarPattern ClassPattern PatternArgList KeywordPattern KeywordPattern Guard",
      maxTerm: 277,
      context: trackIndent,
      nodeProps: [
        ["isolate", -5, 4, 71, 72, 73, 77, ""],
        ["group", -15, 6, 85, 87, 88, 90, 92, 94, 96, 98, 99, 100, 102, 105, 108, 110, "Statement Statement", -22, 8, 18, 21, 25, 40, 49, 50, 56, 57, 60, 61, 62, 63, 64, 67, 70, 71, 72, 79, 80, 81, 82, "Expression", -10, 114, 116, 119, 121, 122, 126, 128, 133, 135, 138, "Statement", -9, 143, 144, 147, 148, 150, 151, 152, 153, 154, "Pattern"],
        ["openedBy", 23, "(", 54, "[", 58, "{"],
        ["closedBy", 24, ")", 55, "]", 59, "}"]
      ],
      propSources: [pythonHighlighting],
      skippedNodes: [0, 4],
      repeatNodeCount: 34,
      tokenData: "!2|~R!`OX%TXY%oY[%T[]%o]p%Tpq%oqr'ars)Yst*xtu%Tuv,dvw-hwx.Uxy/tyz0[z{0r{|2S|}2p}!O3W!O!P4_!P!Q:Z!Q!R;k!R![>_![!]Do!]!^Es!^!_FZ!_!`Gk!`!aHX!a!b%T!b!cIf!c!dJU!d!eK^!e!hJU!h!i!#f!i!tJU!t!u!,|!u!wJU!w!x!.t!x!}JU!}#O!0S#O#P&o#P#Q!0j#Q#R!1Q#R#SJU#S#T%T#T#UJU#U#VK^#V#YJU#Y#Z!#f#Z#fJU#f#g!,|#g#iJU#i#j!.t#j#oJU#o#p!1n#p#q!1s#q#r!2a#r#s!2f#s$g%T$g;'SJU;'S;=`KW<%lOJU`%YT&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T`%lP;=`<%l%To%v]&n`%c_OX%TXY%oY[%T[]%o]p%Tpq%oq#O%T#O#P&o#P#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To&tX&n`OY%TYZ%oZ]%T]^%o^#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc'f[&n`O!_%T!_!`([!`#T%T#T#U(r#U#f%T#f#g(r#g#h(r#h#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc(cTmR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc(yT!mR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk)aV&n`&[ZOr%Trs)vs#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk){V&n`Or%Trs*bs#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk*iT&n`&^ZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To+PZS_&n`OY*xYZ%TZ]*x]^%T^#o*x#o#p+r#p#q*x#q#r+r#r;'S*x;'S;=`,^<%lO*x_+wTS_OY+rZ]+r^;'S+r;'S;=`,W<%lO+r_,ZP;=`<%l+ro,aP;=`<%l*xj,kV%rQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj-XT!xY&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj-oV%lQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk.]V&n`&ZZOw%Twx.rx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk.wV&n`Ow%Twx/^x#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk/eT&n`&]ZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk/{ThZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc0cTgR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk0yXVZ&n`Oz%Tz{1f{!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk1mVaR&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk2ZV%oZ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc2wTzR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To3_W%pZ&n`O!_%T!_!`-Q!`!a3w!a#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Td4OT&{S&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk4fX!fQ&n`O!O%T!O!P5R!P!Q%T!Q![6T![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk5WV&n`O!O%T!O!P5m!P#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk5tT!rZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti6[a!hX&n`O!Q%T!Q![6T![!g%T!g!h7a!h!l%T!l!m9s!m#R%T#R#S6T#S#X%T#X#Y7a#Y#^%T#^#_9s#_#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti7fZ&n`O{%T{|8X|}%T}!O8X!O!Q%T!Q![8s![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti8^V&n`O!Q%T!Q![8s![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti8z]!hX&n`O!Q%T!Q![8s![!l%T!l!m9s!m#R%T#R#S8s#S#^%T#^#_9s#_#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti9zT!hX&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk:bX%qR&n`O!P%T!P!Q:}!Q!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj;UV%sQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti;ro!hX&n`O!O%T!O!P=s!P!Q%T!Q![>_![!d%T!d!e?q!e!g%T!g!h7a!h!l%T!l!m9s!m!q%T!q!rA]!r!z%T!z!{Bq!{#R%T#R#S>_#S#U%T#U#V?q#V#X%T#X#Y7a#Y#^%T#^#_9s#_#c%T#c#dA]#d#l%T#l#mBq#m#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti=xV&n`O!Q%T!Q![6T![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti>fc!hX&n`O!O%T!O!P=s!P!Q%T!Q![>_![!g%T!g!h7a!h!l%T!l!m9s!m#R%T#R#S>_#S#X%T#X#Y7a#Y#^%T#^#_9s#_#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti?vY&n`O!Q%T!Q!R@f!R!S@f!S#R%T#R#S@f#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti@mY!hX&n`O!Q%T!Q!R@f!R!S@f!S#R%T#R#S@f#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiAbX&n`O!Q%T!Q!YA}!Y#R%T#R#SA}#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiBUX!hX&n`O!Q%T!Q!YA}!Y#R%T#R#SA}#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiBv]&n`O!Q%T!Q![Co![!c%T!c!iCo!i#R%T#R#SCo#S#T%T#T#ZCo#Z#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiCv]!hX&n`O!Q%T!Q![Co![!c%T!c!iCo!i#R%T#R#SCo#S#T%T#T#ZCo#Z#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%ToDvV{_&n`O!_%T!_!`E]!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TcEdT%{R&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkEzT#gZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkFbXmR&n`O!^%T!^!_F}!_!`([!`!a([!a#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TjGUV%mQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkGrV%zZ&n`O!_%T!_!`([!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkH`WmR&n`O!_%T!_!`([!`!aHx!a#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TjIPV%nQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkIoV_Q#}P&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%ToJ_]&n`&YS%uZO!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUoKZP;=`<%lJUoKge&n`&YS%uZOr%Trs)Ysw%Twx.Ux!Q%T!Q![JU![!c%T!c!tJU!t!uLx!u!}JU!}#R%T#R#SJU#S#T%T#T#fJU#f#gLx#g#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUoMRa&n`&YS%uZOr%TrsNWsw%Twx! vx!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUkN_V&n`&`ZOr%TrsNts#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkNyV&n`Or%Trs! `s#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk! gT&n`&bZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk! }V&n`&_ZOw%Twx!!dx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!!iV&n`Ow%Twx!#Ox#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!#VT&n`&aZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To!#oe&n`&YS%uZOr%Trs!%Qsw%Twx!&px!Q%T!Q![JU![!c%T!c!tJU!t!u!(`!u!}JU!}#R%T#R#SJU#S#T%T#T#fJU#f#g!(`#g#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUk!%XV&n`&dZOr%Trs!%ns#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!%sV&n`Or%Trs!&Ys#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!&aT&n`&fZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!&wV&n`&cZOw%Twx!'^x#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!'cV&n`Ow%Twx!'xx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!(PT&n`&eZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To!(ia&n`&YS%uZOr%Trs!)nsw%Twx!+^x!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUk!)uV&n`&hZOr%Trs!*[s#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!*aV&n`Or%Trs!*vs#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!*}T&n`&jZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!+eV&n`&gZOw%Twx!+zx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!,PV&n`Ow%Twx!,fx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!,mT&n`&iZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To!-Vi&n`&YS%uZOr%TrsNWsw%Twx! vx!Q%T!Q![JU![!c%T!c!dJU!d!eLx!e!hJU!h!i!(`!i!}JU!}#R%T#R#SJU#S#T%T#T#UJU#U#VLx#V#YJU#Y#Z!(`#Z#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUo!.}a&n`&YS%uZOr%Trs)Ysw%Twx.Ux!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUk!0ZT!XZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc!0qT!WR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj!1XV%kQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T~!1sO!]~k!1zV%jR&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T~!2fO![~i!2mT%tX&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T",
      tokenizers: [legacyPrint, indentation, newlines, strings, 0, 1, 2, 3, 4],
      topRules: { "Script": [0, 5] },
      specialized: [{ term: 221, get: (value) => spec_identifier[value] || -1 }],
      tokenPrec: 7668
    });
  }
});

// src/cli.ts
import { parseArgs } from "node:util";
import { existsSync as existsSync2, realpathSync, writeFileSync as writeFileSync2 } from "node:fs";
import { dirname, isAbsolute, join as join6, relative, resolve, sep } from "node:path";

// src/git/git-tree.ts
import { spawn as spawn3 } from "node:child_process";

// src/git/git.ts
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var GitError = class extends Error {
  constructor(message2, args = [], exitCode = null, stderr = "") {
    super(message2);
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
  args;
  exitCode;
  stderr;
  name = "GitError";
};
function gitEnv(extra) {
  return {
    ...process.env,
    LC_ALL: "C",
    LANGUAGE: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    ...extra
  };
}
function runGit(repo, args, opts = {}) {
  const spool = opts.spool ? spoolFile() : void 0;
  return new Promise((resolve2, reject) => {
    let child;
    try {
      child = spawn("git", args, {
        cwd: repo,
        env: gitEnv(opts.env),
        stdio: ["pipe", spool?.fd ?? "pipe", "pipe"]
      });
    } catch (e) {
      return reject(spawnError(e, repo, args));
    }
    const out = [];
    const err = [];
    child.stdout?.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.stdin.on("error", () => {
    });
    child.on("error", (e) => reject(spawnError(e, repo, args)));
    child.on("close", (code2) => {
      if (code2 === 0) return resolve2(spool ? readFileSync(spool.path) : Buffer.concat(out));
      const stderr = Buffer.concat(err).toString("utf8");
      reject(new GitError(describeFailure(stderr, repo, args, code2), args, code2, stderr));
    });
    child.stdin.end(opts.input);
  }).finally(() => spool?.remove());
}
function spoolFile() {
  let dir;
  try {
    dir = mkdtempSync(join(tmpdir(), "headsup-git-"));
    const path = join(dir, "out");
    const fd = openSync(path, "w");
    return {
      fd,
      path,
      remove() {
        closeSync(fd);
        rmSync(dir, { recursive: true, force: true });
      }
    };
  } catch {
    if (dir) rmSync(dir, { recursive: true, force: true });
    return void 0;
  }
}
function spawnError(e, repo, args) {
  if (e.code === "ENOENT")
    return existsSync(repo) ? new GitError("git is not installed (not found on PATH)", args) : new GitError(`no such directory: ${repo}`, args);
  if (e.code === "ENOTDIR") return new GitError(`not a directory: ${repo}`, args);
  return new GitError(`cannot run git: ${e.message}`, args);
}
function describeFailure(stderr, repo, args, code2) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const main2 = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.find((l) => !l.startsWith("hint:")) ?? "";
  const msg2 = main2.replace(/^(fatal|error):\s*/, "");
  if (/not a git repository/i.test(msg2)) return `not a git repository: ${repo}`;
  let m = /ambiguous argument '(.*)': unknown revision/.exec(msg2);
  if (m) return `unknown revision '${m[1]}'`;
  m = /^(?:Not a valid object name|bad revision) '?([^']*)'?$/.exec(msg2);
  if (m) return `unknown revision '${m[1]}'`;
  m = /^detected dubious ownership in repository at '(.*)'$/.exec(msg2);
  if (m) return `${msg2} (run: git config --global --add safe.directory ${m[1]})`;
  const cmd = args.find((a) => !a.startsWith("-")) ?? "git";
  return msg2 ? `git ${cmd}: ${msg2}` : `git ${cmd} failed with exit code ${code2}`;
}
var text = (b) => b.toString("utf8").trim();
async function repoRoot(dir) {
  return text(await runGit(dir, ["rev-parse", "--show-toplevel"]));
}
async function rootAndCommits(dir, refs) {
  const together = await runGit(dir, [
    "rev-parse",
    "--show-toplevel",
    "--end-of-options",
    ...refs.map((r) => `${r}^{commit}`)
  ]).then(
    (out) => text(out).split("\n").filter((l) => l !== "--end-of-options"),
    // git < 2.43 echoes it
    () => void 0
  );
  if (together?.length === refs.length + 1 && together.slice(1).every((l) => /^[0-9a-f]{40,64}$/.test(l)))
    return { root: together[0], shas: together.slice(1) };
  const root = await repoRoot(dir);
  const shas = [];
  for (const ref of refs) shas.push(await resolveCommit(root, ref));
  return { root, shas };
}
async function resolveCommit(repo, ref) {
  try {
    return text(
      await runGit(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])
    );
  } catch (e) {
    if (!(e instanceof GitError) || e.exitCode !== 1) throw e;
  }
  const exists = await runGit(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", ref]).then(
    () => true,
    () => false
  );
  throw new GitError(
    exists ? `'${ref}' is not a commit` : `unknown revision '${ref}'`,
    ["rev-parse", ref],
    1
  );
}
async function defaultBranchRef(repo) {
  const head = await runGit(repo, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]).then(
    text,
    () => ""
  );
  if (head) {
    const short4 = head.replace(/^refs\/remotes\//, "");
    if (await refExists(repo, head)) return short4;
  }
  const candidates = [
    "refs/remotes/origin/main",
    "refs/remotes/origin/master",
    "refs/heads/main",
    "refs/heads/master"
  ];
  const found = new Set(
    text(await runGit(repo, ["for-each-ref", "--format=%(refname)", ...candidates])).split("\n").filter(Boolean)
  );
  const hit = candidates.find((c) => found.has(c));
  return hit?.replace(/^refs\/(remotes|heads)\//, "");
}
async function refExists(repo, ref) {
  return runGit(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).then(
    () => true,
    () => false
  );
}
async function mergeBase(repo, a, b) {
  try {
    return text(await runGit(repo, ["merge-base", "--end-of-options", a, b]));
  } catch (e) {
    if (e instanceof GitError && e.exitCode === 1 && !e.stderr.trim())
      throw new NoMergeBaseError([a, b], await isShallow(repo));
    throw e;
  }
}
async function isShallow(repo) {
  return runGit(repo, ["rev-parse", "--is-shallow-repository"]).then(
    (out) => text(out) === "true",
    () => false
  );
}
var NoMergeBaseError = class _NoMergeBaseError extends GitError {
  constructor(refs, shallow) {
    super(noMergeBaseMessage(refs, shallow), ["merge-base", ...refs], 1);
    this.refs = refs;
    this.shallow = shallow;
  }
  refs;
  shallow;
  /** The same error naming the refs as the user gave them (callers resolve refs to shas first). */
  naming(a = this.refs[0], b = this.refs[1]) {
    return new _NoMergeBaseError([a, b], this.shallow);
  }
};
function noMergeBaseMessage([a, b], shallow) {
  const between = `no common ancestor between '${a}' and '${b}'`;
  if (!shallow) return `${between} (their histories are unrelated)`;
  return `${between} in this shallow clone (its history is cut off); fetch it with \`git fetch --unshallow\` (in GitHub Actions: actions/checkout with \`fetch-depth: 0\`)`;
}
function forEachRecord(text3, record) {
  for (let at3 = 0; at3 < text3.length; ) {
    const nul = text3.indexOf("\0", at3);
    const end = nul < 0 ? text3.length : nul;
    if (end > at3) record(at3, end);
    at3 = end + 1;
  }
}

// src/git/blob-stream.ts
import { spawn as spawn2 } from "node:child_process";
import { closeSync as closeSync2, mkdtempSync as mkdtempSync2, openSync as openSync2, readSync, rmSync as rmSync2 } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join2 } from "node:path";
var ARGS = ["cat-file", "--batch", "--buffer"];
async function* streamBlobs(repo, ids) {
  if (!ids.length) return;
  let dir;
  let fd;
  try {
    dir = mkdtempSync2(join2(tmpdir2(), "headsup-blobs-"));
    fd = openSync2(join2(dir, "out"), "w+");
  } catch {
    if (dir) rmSync2(dir, { recursive: true, force: true });
    dir = void 0;
  }
  const child = spawn2("git", ARGS, { cwd: repo, env: gitEnv(), stdio: ["pipe", fd ?? "pipe", "pipe"] });
  const run = watch(child, repo);
  child.stdin.on("error", () => {
  });
  child.stdin.end(ids.join("\n") + "\n");
  try {
    let answered = 0;
    for await (const batch of fd === void 0 ? piped(child) : written(fd, run)) {
      answered += batch.length;
      if (batch.length) yield batch;
      if (answered === ids.length) return;
    }
    throw run.failure() ?? new GitError("git cat-file answered fewer blobs than asked", ARGS);
  } finally {
    if (child.exitCode === null) child.kill();
    if (fd !== void 0) closeSync2(fd);
    if (dir) rmSync2(dir, { recursive: true, force: true });
  }
}
function takeBlobs(buf, start, end, out) {
  let at3 = start;
  while (at3 < end) {
    const nl = buf.indexOf(10, at3);
    if (nl < 0 || nl >= end) break;
    let size = 0;
    let digit = 1;
    let k = nl - 1;
    for (let c = buf[k]; c >= 48 && c <= 57 && k > at3; c = buf[--k], digit *= 10) size += (c - 48) * digit;
    if (buf[k] !== 32 || k === nl - 1) {
      const header = buf.toString("latin1", at3, nl);
      if (!header.endsWith(" missing") && !header.endsWith(" ambiguous"))
        throw new GitError(`unexpected git cat-file output: ${header}`, ARGS);
      out.push(void 0);
      at3 = nl + 1;
      continue;
    }
    if (end < nl + 1 + size + 1) break;
    out.push(buf.subarray(nl + 1, nl + 1 + size));
    at3 = nl + 1 + size + 1;
  }
  return at3;
}
function watch(child, repo) {
  let stderr = "";
  let failure;
  let code2;
  child.stderr.on("data", (b) => stderr += b.toString("utf8"));
  child.on("error", (e) => failure ??= spawnError(e, repo, ARGS));
  child.on("close", (c) => code2 = c);
  return {
    exited: () => code2 !== void 0 || failure !== void 0,
    failure: () => failure ?? (code2 !== void 0 ? new GitError(
      `git cat-file exited (${code2}) ${stderr.trim().split("\n")[0] ?? ""}`.trim(),
      ARGS,
      code2,
      stderr
    ) : void 0)
  };
}
async function* piped(child) {
  let pending = Buffer.alloc(0);
  for await (const chunk of child.stdout) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const batch = [];
    pending = pending.subarray(takeBlobs(pending, 0, pending.length, batch));
    yield batch;
  }
}
var READ_BUFFER = 1 << 20;
var MIN_ROOM = 1 << 16;
async function* written(fd, run) {
  let pos2 = 0;
  let buf = Buffer.allocUnsafe(READ_BUFFER);
  let start = 0;
  let end = 0;
  for (; ; ) {
    const exited = run.exited();
    if (buf.length - end < MIN_ROOM) {
      const next = Buffer.allocUnsafe(Math.max(READ_BUFFER, 2 * (end - start)));
      buf.copy(next, 0, start, end);
      [buf, end, start] = [next, end - start, 0];
    }
    const n = readSync(fd, buf, end, buf.length - end, pos2);
    if (n > 0) {
      pos2 += n;
      end += n;
      const batch = [];
      start = takeBlobs(buf, start, end, batch);
      yield batch;
    } else if (exited) return;
    else await new Promise((wake) => setTimeout(wake, 1));
  }
}

// src/git/tree.ts
function landedPath(c) {
  return c.landsAt ?? c.path;
}
function sortedPaths(paths) {
  return isSorted(paths) ? paths : paths.sort();
}
function isSorted(paths) {
  for (let i = 1; i < paths.length; i++) if (paths[i - 1] > paths[i]) return false;
  return true;
}
var MAX_LINKS = 8;
async function followLink(path, link, readOwn) {
  let at3 = path;
  let target = "";
  let entry = link;
  for (let hops = 0; entry?.link; hops++) {
    target = entry.content.toString("utf8");
    const next = linkTarget(at3, target);
    if (next === void 0)
      throw new UnreadableFile(path, `a symbolic link to '${target}', outside this tree`);
    if (hops >= MAX_LINKS) throw new UnreadableFile(path, "too many levels of symbolic links");
    at3 = next;
    entry = await readOwn(at3);
  }
  if (!entry)
    throw new UnreadableFile(
      path,
      `a symbolic link to '${target}' (${at3}), which is not a file in this tree`
    );
  return entry.content;
}
function linkTarget(path, target) {
  if (target.startsWith("/")) return void 0;
  const parts = path.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") parts.push(segment);
    else if (!parts.pop()) return void 0;
  }
  return parts.join("/");
}
function unreadable(e) {
  if (e instanceof UnreadableFile) return e;
  throw e;
}
var UnreadableFile = class extends Error {
  constructor(path, reason) {
    super(`cannot read ${path}: ${reason}`);
    this.path = path;
  }
  path;
};

// src/git/git-tree.ts
var GitTree = class {
  /** `reader`: share one cat-file process between trees of one repository (base and head of a check). */
  constructor(repo, sha, label = sha.slice(0, 12), reader = new BlobReader(repo)) {
    this.repo = repo;
    this.sha = sha;
    this.label = label;
    this.reader = reader;
  }
  repo;
  sha;
  label;
  reader;
  entries;
  loaded;
  /** Paths that are symbolic links (mode 120000): their blob is the link's text. */
  linkPaths = /* @__PURE__ */ new Set();
  sorted;
  async list() {
    this.sorted ??= sortedPaths([...(await this.blobs()).keys()]);
    return this.sorted;
  }
  read(path) {
    if (this.loaded && !this.linkPaths.has(path)) return this.readBlob(this.loaded.get(path));
    return this.blobs().then((m) => {
      if (!this.linkPaths.has(path)) return this.readBlob(m.get(path));
      const own = async (p) => {
        const content2 = await this.readBlob(m.get(p));
        return content2 && { content: content2, link: this.linkPaths.has(p) };
      };
      return own(path).then((link) => link && followLink(path, link, own));
    });
  }
  async *readAll(paths) {
    const blobs = await this.blobs();
    const streamed = paths.filter((p) => blobs.has(p) && !this.linkPaths.has(p));
    const stream = streamBlobs(
      this.repo,
      streamed.map((p) => blobs.get(p))
    );
    try {
      let batch = [];
      let b = 0;
      let out = [];
      for (let k = 0; k < paths.length; k++) {
        const p = paths[k];
        if (!blobs.has(p)) out.push(void 0);
        else if (this.linkPaths.has(p)) out.push(await this.read(p).catch(unreadable));
        else {
          if (b === batch.length) {
            if (out.length) yield out;
            out = [];
            const next = await stream.next();
            if (next.done) throw new Error("git cat-file answered fewer blobs than asked");
            batch = next.value;
            b = 0;
          }
          out.push(batch[b++]);
        }
      }
      if (out.length) yield out;
    } finally {
      await stream.return(void 0);
    }
  }
  async links() {
    const blobs = await this.blobs();
    const paths = [...this.linkPaths];
    const texts = await Promise.all(paths.map((p) => this.readBlob(blobs.get(p))));
    return new Map(paths.map((p, i) => [p, texts[i]?.toString("utf8") ?? ""]));
  }
  /** Blob ids, except for links: theirs is the link's text, not the content read through it. */
  async contentIds(paths) {
    const blobs = await this.blobs();
    return paths.map((p) => this.linkPaths.has(p) ? void 0 : blobs.get(p));
  }
  close() {
    this.reader.close();
  }
  readBlob(blob) {
    return blob ? this.reader.read(blob) : Promise.resolve(void 0);
  }
  blobs() {
    this.entries ??= runGit(this.repo, ["ls-tree", "-r", "-z", "--full-tree", this.sha], { spool: true }).then((out) => parseLsTree(out, this.linkPaths)).then((m) => this.loaded = m);
    return this.entries;
  }
};
function parseLsTree(out, links) {
  const map = /* @__PURE__ */ new Map();
  const text3 = out.toString("utf8");
  forEachRecord(text3, (from, end) => {
    const tab2 = text3.indexOf("	", from);
    if (tab2 < 0 || tab2 > end) return;
    const typeAt = text3.indexOf(" ", from) + 1;
    if (!text3.startsWith("blob ", typeAt)) return;
    const path = text3.slice(tab2 + 1, end);
    map.set(path, text3.slice(typeAt + 5, tab2));
    if (text3.startsWith("120000 ", from)) links.add(path);
  });
  return map;
}
var BlobReader = class {
  constructor(repo) {
    this.repo = repo;
  }
  repo;
  batch;
  read(blob) {
    if (!this.batch || this.batch.exited) this.batch = new CatFileBatch(this.repo);
    return this.batch.read(blob);
  }
  close() {
    this.batch?.close();
    this.batch = void 0;
  }
};
var CatFileBatch = class {
  constructor(repo) {
    this.repo = repo;
    const args = ["cat-file", "--batch"];
    this.child = spawn3("git", args, { cwd: repo, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    this.child.stderr.on("data", (b) => stderr += b.toString("utf8"));
    this.child.stdout.on("data", (b) => this.onData(b));
    this.child.stdin.on("error", () => {
    });
    this.child.on("error", (e) => {
      this.exited = true;
      this.fail(spawnError(e, repo, args));
    });
    this.child.on("close", (code2) => {
      this.exited = true;
      if (this.pending() > 0)
        this.fail(
          new GitError(
            `git cat-file exited (${code2}) ${stderr.trim().split("\n")[0] ?? ""}`.trim(),
            args,
            code2,
            stderr
          )
        );
    });
    this.setReferenced(false);
  }
  repo;
  child;
  queue = [];
  head = 0;
  // index of the request being answered; the queue is compacted lazily
  chunks = [];
  buffered = 0;
  bodySize = -1;
  // -1 while waiting for a header
  outgoing = [];
  failed;
  referenced = true;
  exited = false;
  read(id2) {
    if (this.failed) return Promise.reject(this.failed);
    if (this.exited) return Promise.reject(new GitError("git cat-file is not running", ["cat-file"]));
    return new Promise((resolve2, reject) => {
      this.queue.push({ resolve: resolve2, reject });
      this.setReferenced(true);
      if (this.outgoing.push(id2) === 1) process.nextTick(() => this.flush());
    });
  }
  close() {
    this.flush();
    this.child.stdin.end();
  }
  flush() {
    if (!this.outgoing.length || this.child.stdin.writableEnded) return;
    this.child.stdin.write(this.outgoing.join("\n") + "\n");
    this.outgoing = [];
  }
  pending() {
    return this.queue.length - this.head;
  }
  onData(chunk) {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (; ; ) {
      if (this.bodySize < 0) {
        if (!this.readHeader()) return;
      } else {
        if (this.buffered < this.bodySize + 1) return;
        const body = this.take(this.bodySize + 1).subarray(0, this.bodySize);
        this.bodySize = -1;
        this.answer(body);
      }
    }
  }
  /** Consumes one header line if complete; false when more data is needed. */
  readHeader() {
    let nl = this.chunks[0]?.indexOf(10) ?? -1;
    if (nl < 0 && this.chunks.length > 1) {
      this.chunks = [Buffer.concat(this.chunks)];
      nl = this.chunks[0].indexOf(10);
    }
    if (nl < 0) return false;
    const header = this.take(nl + 1).toString("utf8", 0, nl);
    const parts = header.split(" ");
    if (parts.length === 3 && /^\d+$/.test(parts[2])) {
      this.bodySize = Number(parts[2]);
    } else if (parts[1] === "missing" || parts[1] === "ambiguous") {
      this.answer(void 0);
    } else {
      this.fail(new GitError(`unexpected git cat-file output: ${header}`, ["cat-file", "--batch"]));
      this.child.kill();
    }
    return !this.failed;
  }
  /** Removes and returns the first n buffered bytes (zero-copy when they sit in one chunk). */
  take(n) {
    const first = this.chunks[0];
    let out;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
  answer(content2) {
    const p = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.pending() === 0) this.setReferenced(false);
    p?.resolve(content2);
  }
  fail(e) {
    this.failed ??= e;
    const waiting = this.queue.slice(this.head);
    this.queue.length = 0;
    this.head = 0;
    this.setReferenced(false);
    for (const p of waiting) p.reject(e);
  }
  /** Only keep the event loop alive while answers are awaited. */
  setReferenced(on) {
    if (on === this.referenced) return;
    this.referenced = on;
    for (const h of [this.child, this.child.stdin, this.child.stdout, this.child.stderr])
      if (on) h.ref?.();
      else h.unref?.();
  }
};

// src/git/work-tree.ts
import { lstatSync, readlinkSync } from "node:fs";

// src/git/read-file.ts
import { closeSync as closeSync3, openSync as openSync3, readFileSync as readFileSync2, readSync as readSync2 } from "node:fs";
var scratch = Buffer.allocUnsafeSlow(64 * 1024);
function readFileBytes(path) {
  const fd = openSync3(path, "r");
  try {
    const got = readSync2(fd, scratch, 0, scratch.length, null);
    if (got < scratch.length) return Buffer.from(scratch.subarray(0, got));
    return Buffer.concat([scratch, readFileSync2(fd)]);
  } finally {
    closeSync3(fd);
  }
}

// src/git/work-tree.ts
import { readdir } from "node:fs/promises";
import { join as join3 } from "node:path";
var STREAM_MIN = 64;
var DISK_BATCH = 256;
var SKIPPED_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", "__pycache__"]);
var WorkTree = class {
  /**
   * `knownRoot`: `dir` is already known to be a work tree's root (skips one git call). `listing`: git's
   * listing of it, started early (see startListing); a failed one falls back to listing here.
   */
  constructor(dir, label = "working tree", knownRoot = false, listing) {
    this.dir = dir;
    this.label = label;
    this.knownRoot = knownRoot;
    this.listing = listing;
  }
  dir;
  label;
  knownRoot;
  listing;
  sha = void 0;
  files;
  sorted;
  async list() {
    this.sorted ??= sortedPaths([...(await this.fileSet()).keys()]);
    return this.sorted;
  }
  async read(path) {
    return this.readListed(await this.fileSet(), path);
  }
  readListed(files, path) {
    const own = this.own(files, path);
    return own?.link ? followLink(path, own, (p) => this.own(files, p)) : own?.content;
  }
  /**
   * What read() gives, for many paths. A file git's stat check found clean holds its index blob (what
   * the parse cache already keys it by), so those stream from one `git cat-file`, which reads and inflates
   * them on another core; thousands of open/read/close calls here cost more than parsing the files.
   * Links, changed and untracked files, and any blob git does not have, are read from the disk.
   */
  async *readAll(paths) {
    const files = await this.fileSet();
    const fromDisk = async (path) => {
      try {
        return await this.readListed(files, path);
      } catch (e) {
        return unreadable(e);
      }
    };
    const blobs = paths.map((p) => cleanBlob(files.get(p)));
    const ids = blobs.filter((b) => b !== void 0);
    if (ids.length < STREAM_MIN) {
      for (let from = 0; from < paths.length; from += DISK_BATCH)
        yield await Promise.all(paths.slice(from, from + DISK_BATCH).map(fromDisk));
      return;
    }
    const stream = streamBlobs(this.dir, ids);
    try {
      let batch = [];
      let b = 0;
      let out = [];
      for (let i = 0; i < paths.length; i++) {
        if (blobs[i] === void 0) {
          out.push(await fromDisk(paths[i]));
          continue;
        }
        if (b === batch.length) {
          if (out.length) yield out;
          out = [];
          const next = await stream.next();
          if (next.done) throw new Error("git cat-file answered fewer blobs than asked");
          batch = next.value;
          b = 0;
        }
        out.push(batch[b++] ?? await fromDisk(paths[i]));
      }
      if (out.length) yield out;
    } finally {
      await stream.return(void 0);
    }
  }
  /** A listed path's own content: a file's bytes, a link's target text. */
  own(files, path) {
    const entry = files.get(path);
    if (!entry) return void 0;
    const full = `${this.dir}/${path}`;
    try {
      const link = isLink(entry, full);
      if (link) return { content: readlinkSync(full, { encoding: "buffer" }), link };
      return { content: readFileBytes(full), link };
    } catch (e) {
      const code2 = e.code;
      if (code2 === "ENOENT" || code2 === "EISDIR") return void 0;
      if (code2 === "ERR_FS_FILE_TOO_LARGE") throw new UnreadableFile(path, "over 2 GiB");
      if (code2 === "EACCES" || code2 === "EPERM" || code2 === "EIO" || code2 === "ELOOP")
        throw new UnreadableFile(path, e.message);
      throw e;
    }
  }
  /**
   * The index's blob ids of tracked files git sees as unmodified: what lets unchanged files reuse parses.
   * None for links: their blob is the link's text, not the content read through it.
   */
  async contentIds(paths) {
    const files = await this.fileSet();
    return paths.map((p) => cleanBlob(files.get(p)));
  }
  /** Tracked links by their index mode; untracked and changed entries by a look at the disk (few, usually). */
  async links() {
    const out = /* @__PURE__ */ new Map();
    (await this.fileSet()).forEach((entry, path) => {
      if (entry.mode !== void 0 && entry.mode !== "120000" && !entry.dirty) return;
      const full = `${this.dir}/${path}`;
      try {
        if (isLink(entry, full)) out.set(path, readlinkSync(full, "utf8"));
      } catch {
      }
    });
    return out;
  }
  /** Untracked files git does not ignore, from the same listing (so the PR's changes need no second walk). */
  async untracked() {
    const out = [];
    (await this.fileSet()).forEach((e, path) => e.untracked && out.push(path));
    return out;
  }
  fileSet() {
    this.files ??= (this.listing ?? Promise.resolve(void 0)).then((early) => early ?? gitFiles(this.dir, this.knownRoot)).then((files) => files ?? walk(this.dir));
    return this.files;
  }
};
function cleanBlob(entry) {
  return entry && !entry.dirty && entry.mode !== "120000" ? entry.blob : void 0;
}
function isLink(entry, full) {
  return entry.mode === void 0 || entry.dirty ? lstatSync(full).isSymbolicLink() : entry.mode === "120000";
}
async function gitFiles(dir, knownRoot) {
  if (!knownRoot)
    try {
      const inside = (await runGit(dir, ["rev-parse", "--is-inside-work-tree"])).toString().trim();
      if (inside !== "true") return void 0;
    } catch (e) {
      if (e instanceof GitError && /not a git repository|not installed/.test(e.message)) return void 0;
      throw e;
    }
  return parseListing(await runGit(dir, LS_FILES, { spool: true }));
}
function startListing(dir) {
  return runGit(dir, [...LS_FILES, "--full-name", "--", ":/"], { spool: true }).then(
    parseListing,
    () => void 0
  );
}
var LS_FILES = [
  "ls-files",
  "-z",
  "-v",
  "--stage",
  "--cached",
  "--modified",
  "--deleted",
  "--others",
  "--exclude-standard"
];
var [UNTRACKED, CACHED, CHANGED, DELETED, SLASH, ZERO, LOWER_A] = ["?", "H", "C", "R", "/", "0", "a"].map(
  (c) => c.charCodeAt(0)
);
var MODES = ["100644", "100755", "120000", "160000"];
function modeAt(text3, from, end) {
  if (end === from + 6) {
    for (const m of MODES) if (text3.startsWith(m, from)) return m;
  }
  return text3.slice(from, end);
}
function parseListing(listing) {
  const files = /* @__PURE__ */ new Map();
  const dirty = /* @__PURE__ */ new Set();
  const deleted = /* @__PURE__ */ new Set();
  const text3 = listing.toString("utf8");
  forEachRecord(text3, (from, end) => {
    if (end - from < 3) return;
    const tag = text3.charCodeAt(from);
    if (tag === UNTRACKED) {
      if (text3.charCodeAt(end - 1) !== SLASH) files.set(text3.slice(from + 2, end), { untracked: true });
      return;
    }
    const tab2 = text3.indexOf("	", from);
    if (tab2 < 0 || tab2 > end) return;
    const path = text3.slice(tab2 + 1, end);
    const modeEnd = text3.indexOf(" ", from + 2);
    const blobEnd = text3.indexOf(" ", modeEnd + 1);
    const mode = modeAt(text3, from + 2, modeEnd);
    if (mode === "160000") return;
    const upper = tag >= LOWER_A ? tag - 32 : tag;
    if (upper === DELETED) deleted.add(path);
    else if (upper === CHANGED) dirty.add(path);
    else if (!files.has(path)) {
      const clean = blobEnd + 2 === tab2 && text3.charCodeAt(blobEnd + 1) === ZERO && tag === CACHED;
      files.set(path, clean ? { mode, blob: text3.slice(modeEnd + 1, blobEnd) } : { dirty: true });
    }
  });
  for (const p of dirty) {
    const entry = files.get(p);
    if (entry) entry.dirty = true;
  }
  for (const p of deleted) files.delete(p);
  return files;
}
async function walk(root) {
  const files = /* @__PURE__ */ new Map();
  const visit = async (rel) => {
    const entries = await readdir(rel ? join3(root, rel) : root, { withFileTypes: true });
    await Promise.all(
      entries.map((e) => {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? void 0 : visit(path);
        if (e.isFile() || e.isSymbolicLink())
          files.set(path, { mode: e.isSymbolicLink() ? "120000" : "100644" });
        return void 0;
      })
    );
  };
  await visit("");
  return files;
}

// src/git/overlay-tree.ts
var OverlayTree = class {
  constructor(base, head, changes) {
    this.base = base;
    this.head = head;
    this.label = `${base.label} + ${head.label}`;
    for (const c of changes) {
      if (c.status === "deleted") this.removed.add(c.path);
      else if (c.landsAt !== void 0) this.moved.set(c.landsAt, c.path);
      else this.fromHead.add(c.path);
      if (c.status === "renamed" && c.oldPath) this.removed.add(c.oldPath);
    }
  }
  base;
  head;
  label;
  sha = void 0;
  fromHead = /* @__PURE__ */ new Set();
  removed = /* @__PURE__ */ new Set();
  /** Base's new path → the PR's path of a file the PR edits and base renamed. */
  moved = /* @__PURE__ */ new Map();
  sorted;
  /** Listed once: discovery and every environment ask, and a large repository lists a lot. */
  list() {
    this.sorted ??= this.base.list().then((base) => {
      const paths = new Set(base.filter((p) => !this.removed.has(p)));
      for (const p of this.fromHead) paths.add(p);
      return sortedPaths([...paths]);
    });
    return this.sorted;
  }
  read(path) {
    if (this.fromHead.has(path)) return this.head.read(path);
    const edited = this.moved.get(path);
    if (edited !== void 0) return this.head.read(edited);
    if (this.removed.has(path)) return Promise.resolve(void 0);
    return this.base.read(path);
  }
  /** Base's links where base's file stays, the PR's where the PR's file lands. */
  async links() {
    const [base, head] = await Promise.all([this.base.links(), this.head.links()]);
    const out = new Map([...base].filter(([p]) => !this.removed.has(p) && !this.fromHead.has(p)));
    for (const [p, text3] of head) if (this.fromHead.has(p)) out.set(p, text3);
    for (const [at3, edited] of this.moved) {
      const text3 = head.get(edited);
      if (text3 === void 0) out.delete(at3);
      else out.set(at3, text3);
    }
    return out;
  }
  async contentIds(paths) {
    const headPaths = paths.map((p) => this.moved.get(p) ?? p);
    const [base, head] = await Promise.all([this.base.contentIds(paths), this.head.contentIds(headPaths)]);
    return paths.map(
      (p, i) => this.fromHead.has(p) || this.moved.has(p) ? head[i] : this.removed.has(p) ? void 0 : base[i]
    );
  }
};

// src/git/changes.ts
import { lstatSync as lstatSync2 } from "node:fs";
async function changedFiles(repo, baseSha, head) {
  const diffArgs = [
    "diff",
    "--raw",
    "--no-abbrev",
    "-z",
    "-M",
    "--no-ext-diff",
    "--no-relative",
    "--no-color"
  ];
  if ("worktree" in head) {
    const [diff, added] = await Promise.all([
      runGit(repo, [...diffArgs, baseSha, "--"]),
      head.worktree.untracked()
    ]);
    const tracked = await dropModeOnly(repo, parseRaw(diff));
    return sortChanges(await pairExactRenames(repo, baseSha, tracked, added));
  }
  const entries = parseRaw(await runGit(repo, [...diffArgs, baseSha, head.sha, "--"]));
  return sortChanges(await dropModeOnly(repo, entries));
}
var STATUS = {
  A: "added",
  M: "modified",
  T: "modified",
  // type change (file <-> symlink)
  U: "modified",
  // unmerged
  D: "deleted",
  R: "renamed"
};
function parseRaw(out) {
  const f = out.toString("utf8").split("\0");
  const entries = [];
  for (let i = 0; i + 1 < f.length; ) {
    const [oldMode, newMode, oldId, newId, status] = f[i].slice(1).split(" ");
    const letter = status[0];
    let change;
    if (letter === "R" || letter === "C") {
      const [oldPath, path] = [f[i + 1], f[i + 2]];
      change = letter === "R" ? { status: "renamed", path, oldPath } : { status: "added", path };
      i += 3;
    } else {
      change = { status: STATUS[letter] ?? "modified", path: f[i + 1] };
      i += 2;
    }
    entries.push({ change, oldMode, newMode, oldId, newId });
  }
  return entries;
}
var REGULAR = /^100[0-7]{3}$/;
var UNHASHED = /^0+$/;
async function dropModeOnly(repo, entries) {
  const modeChanged = (e) => e.change.status === "modified" && e.oldMode !== e.newMode && REGULAR.test(e.oldMode) && REGULAR.test(e.newMode);
  const unhashed = entries.filter(
    (e) => modeChanged(e) && UNHASHED.test(e.newId) && !e.change.path.includes("\n")
  );
  if (unhashed.length) {
    const ids = (await runGit(repo, ["hash-object", "--stdin-paths"], {
      input: unhashed.map((e) => e.change.path).join("\n") + "\n"
    })).toString("utf8").split("\n");
    unhashed.forEach((e, i) => e.newId = ids[i]);
  }
  return entries.filter((e) => !(modeChanged(e) && e.oldId === e.newId)).map((e) => e.change);
}
async function pairExactRenames(repo, baseSha, changes, untracked) {
  const deleted = changes.filter((c) => c.status === "deleted");
  const addedChanges = untracked.map((path) => ({ status: "added", path }));
  if (!deleted.length || !untracked.length) return [...changes, ...addedChanges];
  const hashed = untracked.flatMap((p, i) => !p.includes("\n") && isRegularFile(`${repo}/${p}`) ? [i] : []);
  const [baseIds, newIds] = await Promise.all([
    // `<id> <type> <size>` or `<name> missing` per line, in request order.
    runGit(repo, ["cat-file", "--batch-check=%(objectname)"], {
      input: deleted.map((c) => `${baseSha}:${c.path}`).join("\n") + "\n"
    }),
    hashed.length ? runGit(repo, ["hash-object", "--stdin-paths"], {
      input: hashed.map((i) => untracked[i]).join("\n") + "\n"
    }) : Buffer.alloc(0)
  ]);
  const lines = (b) => b.toString("utf8").split("\n");
  const byContent = /* @__PURE__ */ new Map();
  lines(baseIds).forEach((id2, i) => {
    if (i < deleted.length && /^[0-9a-f]{40,64}$/.test(id2)) {
      const list = byContent.get(id2) ?? [];
      list.push(deleted[i]);
      byContent.set(id2, list);
    }
  });
  const renamedAway = /* @__PURE__ */ new Set();
  lines(newIds).forEach((id2, k) => {
    const i = hashed[k];
    const candidates = byContent.get(id2)?.filter((d) => !renamedAway.has(d));
    if (i === void 0 || !candidates?.length) return;
    const name2 = (p) => p.slice(p.lastIndexOf("/") + 1);
    const from = candidates.find((d) => name2(d.path) === name2(untracked[i])) ?? candidates[0];
    renamedAway.add(from);
    addedChanges[i] = { status: "renamed", path: untracked[i], oldPath: from.path };
  });
  return [...changes.filter((c) => !renamedAway.has(c)), ...addedChanges];
}
function sortChanges(changes) {
  return changes.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function isRegularFile(path) {
  try {
    return lstatSync2(path).isFile();
  } catch {
    return false;
  }
}

// src/formats/alembic/discover.ts
import { posix } from "node:path";

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string2, ptr) {
  let lines = string2.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string2, line, column) {
  let lines = string2.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message2, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message2}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message2, ctx, ptr) {
    throw new _TomlError(message2, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t3 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t3, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t3 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t3, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t3 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t3, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t2 = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t2, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t2 = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t2, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t2 = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key2 = parseKey(ctx);
    for (let i = 0; i < key2.length; i++) {
      if (i)
        t2 = hasOwn ? t2[k] : t2[k] = /* @__PURE__ */ Object.create(null);
      k = key2[i];
      if ((hasOwn = Object.hasOwn(t2, k)) && (typeof t2[k] !== "object" || seen.has(t2[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t2 = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t2, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t2 && typeof (t2[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key2, table, meta2, type) {
  let t2 = table;
  let m = meta2;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key2.length; i++) {
    if (i) {
      t2 = hasOwn ? t2[k] : t2[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t2.length - 1;
        t2 = t2[l];
        m = m[l].c;
      }
    }
    k = key2[i];
    if ((hasOwn = Object.hasOwn(t2, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t2, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key2.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t2[k] = [];
    }
    t2[k].push(t2 = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t2 = hasOwn ? t2[k] : t2[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t2, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta2 = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta2;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta2,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/formats/alembic/ini.ts
var IniError = class extends Error {
  constructor(message2, line) {
    super(message2);
    this.line = line;
  }
  line;
  name = "IniError";
};
var DEFAULT_SECTION = "DEFAULT";
var MAX_INTERPOLATION_DEPTH = 10;
var IniDocument = class {
  constructor(sections, defaults) {
    this.sections = sections;
    this.defaults = defaults;
  }
  sections;
  defaults;
  hasSection(name2) {
    return this.sections.has(name2);
  }
  /** The option as written, from the section or else from DEFAULT; keys are case-insensitive. */
  option(section, key2) {
    const s = this.sections.get(section);
    if (!s) return void 0;
    const k = key2.toLowerCase();
    return s.options.get(k) ?? this.defaults.get(k);
  }
  /** The interpolated value (configparser's `get`), undefined when absent; IniError on bad interpolation. */
  get(section, key2) {
    const opt = this.option(section, key2);
    if (!opt) return void 0;
    const lookup = (name2) => this.option(section, name2)?.raw;
    try {
      return interpolate(opt.raw, lookup, true);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new IniError(
        `bad value for '${key2.toLowerCase()}' in [${section}]: ${why}`,
        opt.line || void 0
      );
    }
  }
};
function interpolate(value, lookup, recursive) {
  const expand = (text3, depth) => {
    if (depth > MAX_INTERPOLATION_DEPTH)
      throw new Error("interpolation goes deeper than 10 levels (a loop?)");
    let out = "";
    let rest = text3;
    for (; ; ) {
      const p = rest.indexOf("%");
      if (p < 0) return out + rest;
      out += rest.slice(0, p);
      rest = rest.slice(p);
      if (rest[1] === "%") {
        out += "%";
        rest = rest.slice(2);
        continue;
      }
      const m = /^%\(([^)]+)\)s/.exec(rest);
      if (!m) throw new Error(`'%' must be followed by '%' or '(name)s', found: '${rest}'`);
      const name2 = m[1].toLowerCase();
      const v = lookup(recursive ? name2 : m[1]);
      if (v === void 0) throw new Error(`'%(${m[1]})s' refers to an option that is not defined`);
      out += recursive && v.includes("%") ? expand(v, depth + 1) : v;
      rest = rest.slice(m[0].length);
    }
  };
  return expand(value, 1);
}
var SECTION_RE = /^\[(.+)\]/;
var OPTION_RE = /^(.*?)\s*([=:])\s*(.*)$/;
function parseIni(text3, defaults = {}) {
  const sections = /* @__PURE__ */ new Map();
  const defaultOptions = new Map(
    Object.entries(defaults).map(([k, v]) => [k.toLowerCase(), { raw: v, line: 0 }])
  );
  const parts = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Set();
  let current;
  let sectionName = "";
  let option;
  let indentLevel = 0;
  let firstError;
  const lines = text3.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const isComment = /^[#;]/.test(line.trim());
    const value = isComment ? "" : line.trim();
    if (!value) {
      if (!isComment && option) parts.get(option).push("");
      return;
    }
    const indent2 = line.search(/\S/);
    if (current && option && indent2 > indentLevel) {
      parts.get(option).push(value);
      return;
    }
    indentLevel = indent2;
    const header = SECTION_RE.exec(value);
    if (header) {
      sectionName = header[1];
      option = void 0;
      if (sectionName === DEFAULT_SECTION) {
        current = defaultOptions;
        return;
      }
      if (seen.has(`[${sectionName}`)) throw new IniError(`section '${sectionName}' already exists`, lineNo);
      seen.add(`[${sectionName}`);
      const s = { name: sectionName, line: lineNo, options: /* @__PURE__ */ new Map() };
      sections.set(sectionName, s);
      current = s.options;
      return;
    }
    if (!current) throw new IniError("file contains no section headers", lineNo);
    const m = OPTION_RE.exec(value);
    if (!m || !m[1]) {
      firstError ??= new IniError(`cannot parse line ${lineNo}: '${value}'`, lineNo);
      option = void 0;
      return;
    }
    const key2 = m[1].trimEnd().toLowerCase();
    if (seen.has(`${sectionName}\0${key2}`))
      throw new IniError(`option '${key2}' in section '${sectionName}' already exists`, lineNo);
    seen.add(`${sectionName}\0${key2}`);
    option = { raw: "", line: lineNo };
    parts.set(option, [m[3]]);
    current.set(key2, option);
  });
  if (firstError) throw firstError;
  for (const [opt, vals] of parts) opt.raw = vals.join("\n").trimEnd();
  return new IniDocument(sections, defaultOptions);
}

// src/formats/alembic/discover.ts
var ROOT = "/\0repo";
var MAX_LINK_HOPS = 8;
var hereOf = (dir) => dir === "." ? ROOT : `${ROOT}/${dir}`;
async function discoverEnvironments(tree, explicit) {
  const [files, links] = await Promise.all([tree.list(), tree.links()]);
  const index = new TreeIndex(files, links);
  const problems = [];
  if (explicit?.length)
    return {
      environments: explicitEnvironments(index, explicit, problems).map((e) => index.realEnv(e)),
      problems
    };
  const found = [];
  const folders = [...configFilesByFolder(index.files)];
  const configs = await Promise.all(folders.map(([dir, files2]) => readConfigs(tree, dir, files2)));
  for (const [views, readProblems] of configs) {
    problems.push(...readProblems);
    for (const view of views) {
      const env = environmentFrom(view, index, problems);
      if (env) found.push(env);
    }
  }
  const fallbacks = envPyFallbacks(index, found);
  const texts = await Promise.all(
    fallbacks.map((e) => tree.read(join4(e.path, "env.py")).catch(() => void 0))
  );
  fallbacks.forEach((env, k) => {
    if (texts[k]?.includes("alembic")) found.push(env);
  });
  return { environments: dedupe(found.map((e) => index.realEnv(e))), problems };
}
var TreeIndex = class {
  allDirs;
  files;
  /** Symbolic links by path → the repository path they name (those leaving the repository left out). */
  links = /* @__PURE__ */ new Map();
  constructor(files, links = /* @__PURE__ */ new Map()) {
    this.files = isSorted(files) ? files : [...files].sort();
    for (const [path, text3] of links) {
      const target = linkTarget(path, text3);
      if (target !== void 0) this.links.set(path, target);
    }
  }
  /**
   * `path` with every symbolic link along it replaced by what it names, as the file system resolves it:
   * git lists a link to a folder as one entry and nothing below it, so the folder's files are found at
   * its target. Unchanged when no link is on the way (or the links loop).
   */
  real(path) {
    if (!this.links.size || path === ".") return path;
    let at3 = path;
    for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
      const parts = at3.split("/");
      let k = 1;
      while (k <= parts.length && !this.links.has(parts.slice(0, k).join("/"))) k++;
      if (k > parts.length) return at3;
      const target = this.links.get(parts.slice(0, k).join("/"));
      at3 = inRepo(posix.join(target, ...parts.slice(k))) ?? at3;
    }
    return path;
  }
  /** An environment with its folders as real paths: where the listing has their files. */
  realEnv(env) {
    if (!this.links.size) return env;
    const real = (p) => this.real(p);
    const out = {
      ...env,
      path: real(env.path),
      versionLocations: [...new Set(env.versionLocations.map(real))]
    };
    if (env.importPaths) out.importPaths = env.importPaths.map(real);
    return out;
  }
  has(file) {
    if (this.links.size && file.includes("/")) file = join4(this.real(dirOf(file)), nameOf(file));
    const i = this.lowerBound(file);
    return i < this.files.length && this.files[i] === file;
  }
  hasDir(dir) {
    dir = this.real(dir);
    if (dir === ".") return true;
    const i = this.lowerBound(`${dir}/`);
    return i < this.files.length && this.files[i].startsWith(`${dir}/`);
  }
  get dirs() {
    if (!this.allDirs) {
      const dirs = /* @__PURE__ */ new Set(["."]);
      for (const f of this.files) for (let d = dirOf(f); d !== "." && !dirs.has(d); d = dirOf(d)) dirs.add(d);
      this.allDirs = [...dirs];
    }
    return this.allDirs;
  }
  lowerBound(key2) {
    return lowerBound(this.files, key2);
  }
};
function inRepo(path) {
  const p = posix.normalize(path).replace(/\/+$/, "") || ".";
  return p === ".." || p.startsWith("../") || p.startsWith("/") ? void 0 : p;
}
var dirOf = (f) => {
  const slash = f.lastIndexOf("/");
  return slash < 0 ? "." : f.slice(0, slash);
};
var nameOf = (f) => f.slice(f.lastIndexOf("/") + 1);
var join4 = (dir, name2) => dir === "." ? name2 : `${dir}/${name2}`;
function explicitEnvironments(index, dirs, problems) {
  const envs = [];
  for (const raw of dirs) {
    const dir = raw.startsWith("/") ? void 0 : inRepo(raw);
    if (!dir) {
      problems.push({ message: `--migrations '${raw}' is outside the repository`, file: raw });
      continue;
    }
    if (envs.some((e) => e.path === dir)) continue;
    const isScriptDir = index.has(join4(dir, "env.py")) && index.hasDir(join4(dir, "versions"));
    const versionLocations = [isScriptDir ? join4(dir, "versions") : dir];
    envs.push({ kind: "alembic", path: dir, source: "explicit", versionLocations, recursive: true });
  }
  return envs;
}
var ProblemError = class extends Error {
  constructor(problem) {
    super(problem.message);
    this.problem = problem;
  }
  problem;
};
function configFilesByFolder(files) {
  const byDir = /* @__PURE__ */ new Map();
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if (!f.endsWith(".ini") && !f.endsWith("pyproject.toml")) continue;
    const name2 = nameOf(f);
    if (!name2.endsWith(".ini") && name2 !== "pyproject.toml") continue;
    const dir = dirOf(f);
    byDir.set(dir, [...byDir.get(dir) ?? [], f]);
  }
  return byDir;
}
var decode = (b) => (b ?? Buffer.alloc(0)).toString("utf8");
async function readConfigs(tree, dir, files) {
  const problems = [];
  const here = hereOf(dir);
  const texts = await Promise.all(files.map(async (f) => decode(await tree.read(f))));
  let toml;
  let main2;
  const others = [];
  let sectionless;
  for (const [i, file] of files.entries()) {
    const text3 = texts[i];
    if (posix.basename(file) === "pyproject.toml") {
      toml = readPyproject(file, dir, here, text3, problems);
      continue;
    }
    const isAlembicIni = posix.basename(file) === "alembic.ini";
    if (!isAlembicIni && !text3.includes("script_location")) continue;
    let doc;
    try {
      doc = parseIni(text3, { here });
    } catch (e) {
      if (!(e instanceof IniError)) throw e;
      problems.push({ message: `cannot parse ${file}: ${e.message}`, file, line: e.line });
      continue;
    }
    const before = others.length;
    for (const section of doc.sections.values()) {
      const isMain = section.name === "alembic";
      if (!isMain && !section.options.has("script_location")) continue;
      const view = iniView(doc, section.name, file, dir, section.line);
      if (isMain && isAlembicIni)
        main2 = { view, hasLocation: !!doc.option("alembic", "script_location"), siblings: 0 };
      else others.push(view);
    }
    if (main2 && isAlembicIni) main2.siblings = others.length - before;
    if (isAlembicIni && !main2 && others.length === before) sectionless = file;
  }
  if (sectionless && !toml)
    problems.push({
      message: `${sectionless} has no [alembic] section with script_location`,
      file: sectionless
    });
  if (main2 && !main2.hasLocation && main2.siblings > 0 && !(toml && defines(toml, "script_location")))
    main2 = void 0;
  const views = others.map((v) => toml ? merged(v, toml) : v);
  const first = main2 ? toml ? merged(main2.view, toml) : main2.view : toml;
  return [first ? [first, ...views] : views, problems];
}
function defines(view, key2) {
  try {
    return view.get(key2) !== void 0;
  } catch {
    return true;
  }
}
function iniView(doc, section, file, dir, line) {
  const get = (key2) => {
    const opt = doc.option(section, key2);
    if (!opt) return void 0;
    try {
      return { value: doc.get(section, key2), file, line: opt.line || void 0, kind: "alembic.ini" };
    } catch (e) {
      const err = e;
      throw new ProblemError({ message: `${file}: ${err.message}`, file, line: err.line });
    }
  };
  return { dir, file, line, get, getIni: get };
}
function merged(ini, toml) {
  return { ...ini, get: (key2) => ini.get(key2) ?? toml.get(key2) };
}
function readPyproject(file, dir, here, text3, problems) {
  if (!/\btool\s*\.\s*alembic\b|^\s*\[\s*tool\s*\][\s\S]*^\s*alembic\b/m.test(text3)) return void 0;
  let data;
  try {
    data = parse(text3);
  } catch (e) {
    const line = e instanceof TomlError ? e.line : void 0;
    problems.push({ message: `cannot parse ${file}: ${e.message.split("\n")[0]}`, file, line });
    return void 0;
  }
  const table = data.tool?.alembic;
  if (table === void 0) return void 0;
  const header = lineOf(text3, /^\s*\[\s*tool\s*\.\s*alembic\s*\]/m);
  if (typeof table !== "object" || table === null || Array.isArray(table)) {
    problems.push({ message: `${file}: [tool.alembic] must be a table`, file, line: header });
    return void 0;
  }
  const values = table;
  const get = (key2) => {
    if (!(key2 in values)) return void 0;
    const line = keyLine(text3, header, key2);
    const fmt = (s) => {
      if (typeof s !== "string") return s;
      try {
        return interpolate(s, (name2) => name2 === "here" ? here : void 0, false);
      } catch (e) {
        throw new ProblemError({
          message: `${file}: bad value for '${key2}': ${e.message}`,
          file,
          line
        });
      }
    };
    const v = values[key2];
    return { value: Array.isArray(v) ? v.map(fmt) : fmt(v), file, line, kind: "pyproject.toml" };
  };
  return { dir, file, line: header, get, getIni: () => void 0 };
}
function lineOf(text3, re) {
  const m = re.exec(text3);
  return m ? text3.slice(0, m.index + m[0].search(/\S/)).split("\n").length : void 0;
}
function keyLine(text3, header, key2) {
  if (header === void 0) return void 0;
  const lines = text3.split(/\r\n|\r|\n/);
  const re = new RegExp(`^\\s*["']?${key2}["']?\\s*=`);
  for (let i = header; i < lines.length && !/^\s*\[/.test(lines[i]); i++) if (re.test(lines[i])) return i + 1;
  return header;
}
function environmentFrom(view, index, problems) {
  try {
    const sl = view.get("script_location");
    if (!sl && index.has(join4(view.dir, "env.py"))) return void 0;
    if (!sl) {
      problems.push({
        message: `No 'script_location' key found in configuration (${view.file})`,
        file: view.file,
        line: view.line
      });
      return void 0;
    }
    if (typeof sl.value !== "string") throw problemAt(sl, `script_location must be a string`);
    const script = resolveLocation(sl.value, view.dir, index, sl, "script_location");
    const shown = clip(sl.value.replaceAll(hereOf(view.dir), "%(here)s"));
    if (!index.hasDir(script))
      problems.push(
        problemAt(
          sl,
          `script_location '${shown}'${clip(script) === shown ? "" : ` (${clip(script)})`} is not a folder in this tree`
        ).problem
      );
    let versionLocations = [join4(script, "versions")];
    const vl = view.get("version_locations");
    if (vl && (typeof vl.value !== "string" || vl.value)) {
      const parts = splitLocations(vl, view, problems);
      versionLocations = [];
      for (const part of parts) {
        try {
          const loc = resolveLocation(part, view.dir, index, vl, "version_locations");
          if (!versionLocations.includes(loc)) versionLocations.push(loc);
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
          problems.push(e.problem);
        }
      }
    }
    const env = {
      kind: "alembic",
      path: script,
      source: sl.kind,
      configFile: sl.file,
      versionLocations,
      recursive: booleanSetting(view.get("recursive_version_locations"))
    };
    const importPaths = prependedPaths(view.get("prepend_sys_path"), view.dir, index);
    if (importPaths.length) env.importPaths = importPaths;
    return env;
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    problems.push(e.problem);
    return void 0;
  }
}
function prependedPaths(s, dir, index) {
  if (!s) return [];
  const parts = Array.isArray(s.value) ? s.value.filter((v) => typeof v === "string") : typeof s.value === "string" ? s.value.split(/[\s,:]+/) : [];
  const out = [];
  for (const part of parts.filter(Boolean)) {
    try {
      const path = resolveLocation(part, dir, index, s, "prepend_sys_path");
      if (!out.includes(path)) out.push(path);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
    }
  }
  return out;
}
var clip = (value) => value.length > 120 ? `${value.slice(0, 100)}\u2026 (${value.length} characters)` : value;
var problemAt = (s, message2) => new ProblemError({ message: `${s.file}: ${message2}`, file: s.file, line: s.line });
function booleanSetting(s) {
  if (!s) return false;
  if (s.kind === "alembic.ini") return s.value === "true";
  if (typeof s.value !== "boolean")
    throw problemAt(s, `boolean value expected for 'recursive_version_locations'`);
  return s.value;
}
var SEPARATORS = { space: " ", newline: "\n", os: ":", ":": ":", ";": ";" };
function splitLocations(vl, view, problems) {
  if (Array.isArray(vl.value)) {
    if (vl.value.every((v) => typeof v === "string")) return vl.value.filter(Boolean);
    throw problemAt(vl, "version_locations must be a list of strings");
  }
  if (typeof vl.value !== "string") throw problemAt(vl, "version_locations must be a list of strings");
  if (vl.kind === "pyproject.toml") {
    problems.push(
      problemAt(vl, "version_locations in [tool.alembic] must be a list; read as one path").problem
    );
    return [vl.value];
  }
  const value = vl.value;
  const sep2 = view.getIni("path_separator") ?? view.getIni("version_path_separator");
  if (sep2) {
    const name2 = String(sep2.value);
    let char = SEPARATORS[name2];
    if (char === void 0) {
      const keyName = view.getIni("path_separator") ? "path_separator" : "version_path_separator";
      problems.push(
        problemAt(
          sep2,
          `'${clip(name2)}' is not a valid value for ${keyName}; expected 'space', 'newline', 'os', ':', ';' (Alembic fails on it)`
        ).problem
      );
      char = SEPARATORS[name2.split(/\s/)[0]];
    }
    if (char !== void 0)
      return value.split(char).map((x) => x.trim()).filter(Boolean);
  }
  const parts = value.split(/, *| +/).filter(Boolean);
  if (parts.some((p) => p.includes("\n"))) {
    problems.push(
      problemAt(
        vl,
        "version_locations spans several lines but no path_separator is set: Alembic does not split on line breaks (set path_separator = newline)"
      ).problem
    );
    return parts.flatMap((p) => p.split(/\s+/)).filter(Boolean);
  }
  return parts;
}
function resolveLocation(value, dir, index, s, key2) {
  const shown = clip(value.replaceAll(hereOf(dir), "%(here)s").replaceAll(ROOT, "<repository root>"));
  const v = value.trim();
  let rel;
  if (!v) throw problemAt(s, `${key2} is empty`);
  if (v === ROOT || v.startsWith(`${ROOT}/`)) rel = inRepo(`.${v.slice(ROOT.length)}`);
  else if (v.startsWith("/"))
    throw problemAt(s, `${key2} '${shown}' is an absolute path outside the repository`);
  else if (v.includes(":")) return packageResource(v, index, s, key2);
  else rel = inRepo(posix.join(dir, v));
  if (rel === void 0) throw problemAt(s, `${key2} '${shown}' points outside the repository`);
  return rel;
}
function packageResource(v, index, s, key2) {
  const [pkg, ...rest] = v.split(":");
  const pkgPath = pkg.replaceAll(".", "/");
  const candidates = index.dirs.filter((d) => d === pkgPath || d.endsWith(`/${pkgPath}`)).sort((a, b) => {
    const init = Number(index.has(join4(b, "__init__.py"))) - Number(index.has(join4(a, "__init__.py")));
    return init || a.split("/").length - b.split("/").length || (a < b ? -1 : 1);
  });
  if (!pkg || !candidates.length)
    throw problemAt(s, `${key2} '${clip(v)}' names package '${clip(pkg)}', which is not in the repository`);
  const rel = inRepo(posix.join(candidates[0], ...rest.filter(Boolean)));
  if (rel === void 0) throw problemAt(s, `${key2} '${clip(v)}' points outside the repository`);
  return rel;
}
function envPyFallbacks(index, found) {
  const covered = new Set(found.map((e) => e.path));
  const out = [];
  const files = index.files;
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if (!f.endsWith("env.py") || nameOf(f) !== "env.py") continue;
    const dir = dirOf(f);
    const versions = join4(dir, "versions");
    if (!index.hasDir(versions) || covered.has(dir)) continue;
    if (found.some((e) => e.versionLocations.includes(versions))) continue;
    out.push({
      kind: "alembic",
      path: dir,
      source: "env.py",
      versionLocations: [versions],
      recursive: false
    });
  }
  return out;
}
function dedupe(envs) {
  const seen = /* @__PURE__ */ new Set();
  return envs.filter((e) => {
    const key2 = [...new Set(e.versionLocations)].sort().join("\n");
    if (seen.has(key2)) return false;
    seen.add(key2);
    return true;
  });
}
function isRevisionFileName(name2) {
  return isRevisionFileNameAt(name2, 0);
}
function isRevisionFileNameAt(path, from) {
  return path.endsWith(".py") && !path.startsWith(".#", from) && !path.startsWith("__init__", from) && path.indexOf("\n", from) < 0;
}
async function listRevisionFiles(tree, env) {
  const files = await tree.list();
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const loc of env.versionLocations) {
    const prefix = loc === "." ? "" : `${loc}/`;
    const flat = [];
    const nested = [];
    for (let i = lowerBound(files, prefix); i < files.length && files[i].startsWith(prefix); i++) {
      const f = files[i];
      if (f.indexOf("/", prefix.length) < 0) {
        if (isRevisionFileNameAt(f, prefix.length)) flat.push(f);
        continue;
      }
      const parts = f.slice(prefix.length).split("/");
      if (!env.recursive || parts.slice(0, -1).some((p) => p.endsWith("__pycache__"))) continue;
      if (isRevisionFileName(parts[parts.length - 1])) nested.push(parts);
    }
    flat.sort((a, b) => codePointCompare(a, b, prefix.length));
    const paths = nested.length ? [...flat.map((f) => [f.slice(prefix.length)]), ...nested].sort(walkOrder).map((p) => prefix + p.join("/")) : flat;
    if (env.versionLocations.length === 1) return paths;
    for (const path of paths) {
      if (!seen.has(path)) out.push(path);
      seen.add(path);
    }
  }
  return out;
}
function lowerBound(files, key2) {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (files[mid] < key2) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function walkOrder(a, b) {
  for (let i = 0; ; i++) {
    const aFile = i === a.length - 1;
    const bFile = i === b.length - 1;
    if (aFile !== bFile) return aFile ? -1 : 1;
    if (a[i] !== b[i] || aFile) return codePointCompare(a[i], b[i]);
  }
}
function codePointCompare(a, b, from = 0) {
  const n = Math.min(a.length, b.length);
  let i = from;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  return a.codePointAt(i) - b.codePointAt(i);
}

// src/analysis/load.ts
import { posix as posix3 } from "node:path";

// src/formats/alembic/python-source.ts
import { isAscii, isUtf8 } from "node:buffer";
var BOM = [239, 187, 191];
var COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
var BLANK_OR_COMMENT = /^[ \t\f]*(?:#|$)/;
function decodePythonSource(content2) {
  const nul = content2.indexOf(0);
  if (nul >= 0) {
    const at4 = byteLineColumn(content2, nul);
    return { problem: { message: "binary file (contains NUL bytes)", ...at4 } };
  }
  const hasBom = content2[0] === BOM[0] && content2[1] === BOM[1] && content2[2] === BOM[2];
  const bytes = hasBom ? content2.subarray(3) : content2;
  const cookie = codingCookie(bytes);
  const encoding = cookie ? normalizeEncoding(cookie) : "utf-8";
  if (hasBom && encoding !== "utf-8") {
    return {
      problem: { message: `coding cookie \`${cookie}\` conflicts with the UTF-8 BOM`, line: 1, column: 0 }
    };
  }
  if (encoding === "latin-1") return { text: normalizeNewlines(bytes.toString("latin1")) };
  if (encoding === "ascii") {
    const bad2 = bytes.findIndex((b) => b >= 128);
    if (bad2 < 0) return { text: normalizeNewlines(bytes.toString("latin1")) };
    const at4 = byteLineColumn(bytes, bad2);
    return { problem: { message: `not valid ascii (byte 0x${bytes[bad2].toString(16)})`, ...at4 } };
  }
  if (encoding !== "utf-8") {
    let decoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      return { problem: { message: `unknown encoding \`${cookie}\``, line: 1, column: 0 } };
    }
    try {
      return { text: normalizeNewlines(decoder.decode(bytes)) };
    } catch {
      return { problem: { message: `not valid ${cookie}`, line: 1, column: 0 } };
    }
  }
  if (isAscii(bytes)) return { text: normalizeNewlines(bytes.toString("latin1")) };
  if (isUtf8(bytes)) return { text: normalizeNewlines(bytes.toString("utf8")) };
  const bad = firstInvalidUtf8(bytes);
  const at3 = byteLineColumn(bytes, bad);
  return {
    text: normalizeNewlines(new TextDecoder("utf-8").decode(bytes)),
    problem: {
      message: `not valid UTF-8 (byte 0x${bytes[bad].toString(16)}) and no coding cookie`,
      ...at3
    }
  };
}
function codingCookie(bytes) {
  const nl = bytes.indexOf(10);
  const nl2 = nl < 0 ? -1 : bytes.indexOf(10, nl + 1);
  const c = bytes.indexOf("coding");
  if (c < 0 || nl2 >= 0 && c > nl2) return void 0;
  const head = bytes.subarray(0, 1024).toString("latin1").split(/\r\n|\r|\n/, 2);
  const first = COOKIE.exec(head[0] ?? "");
  if (first) return first[1];
  if (head.length > 1 && BLANK_OR_COMMENT.test(head[0])) return COOKIE.exec(head[1])?.[1];
  return void 0;
}
function normalizeEncoding(name2) {
  const n = name2.toLowerCase().replace(/_/g, "-");
  if (n === "utf-8" || n.startsWith("utf-8-") || n === "utf8") return "utf-8";
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(n) || n === "latin1" || n === "l1") return "latin-1";
  if (n === "ascii" || n === "us-ascii") return "ascii";
  return n;
}
function normalizeNewlines(text3) {
  return text3.indexOf("\r") < 0 ? text3 : text3.replace(/\r\n?/g, "\n");
}
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const need = c < 128 ? 0 : c >= 194 && c <= 223 ? 1 : c >= 224 && c <= 239 ? 2 : c >= 240 && c <= 244 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= b.length || (b[i + k] & 192) !== 128) return i;
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}
function byteLineColumn(b, offset) {
  let line = 1;
  let start = 0;
  for (let i = b.indexOf(10); i >= 0 && i < offset; i = b.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start };
}
var LineIndex = class {
  constructor(text3) {
    this.text = text3;
  }
  text;
  starts;
  at(offset) {
    const starts = this.starts ??= lineStarts(this.text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] };
  }
};
function lineStarts(text3) {
  const starts = [0];
  for (let i = text3.indexOf("\n"); i >= 0; i = text3.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
function stringLiteralValue(raw) {
  let p = 0;
  while (p < raw.length && raw[p] !== '"' && raw[p] !== "'") p++;
  const prefix = raw.slice(0, p).toLowerCase();
  if (prefix !== "" && prefix !== "r" && prefix !== "u") return void 0;
  const quote = raw[p];
  const triple = raw.startsWith(quote.repeat(3), p);
  const q = triple ? 3 : 1;
  if (raw.length < p + 2 * q || !raw.endsWith(quote.repeat(q))) return void 0;
  const body = raw.slice(p + q, raw.length - q);
  if (prefix === "r") return { value: body, quote };
  const value = unescape(body);
  return value === void 0 ? void 0 : { value, quote };
}
var SIMPLE_ESCAPES = {
  "\n": "",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v"
};
function unescape(body) {
  if (body.indexOf("\\") < 0) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))[0];
      out += String.fromCodePoint(parseInt(m, 8));
      i += m.length - 1;
    } else if (e === "x" || e === "u" || e === "U") {
      const len = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return void 0;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (e === "N")
      return void 0;
    else out += "\\" + (e ?? "");
  }
  return out;
}
var IntList = class {
  data = new Int32Array(256);
  size = 0;
  push(x) {
    if (this.size === this.data.length) {
      const bigger = new Int32Array(this.size * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = x;
  }
  pop() {
    return this.size ? this.data[--this.size] : void 0;
  }
};
function reducePythonSource(text3, reduce = true) {
  let statements;
  stringRanges.size = 0;
  continuations.size = 0;
  stringContents = stringRanges;
  insideFormat = 0;
  try {
    statements = splitStatements(text3);
  } catch (e) {
    if (e instanceof LexError) return new Reduction(text3, -1, { offset: e.offset, message: e.message });
    throw e;
  } finally {
    stringContents = void 0;
  }
  const first = statements.length ? statements[0].from : -1;
  const reduction = new Reduction(text3, first);
  if (reduce) reduction.build(text3, statements);
  return reduction;
}
var reducedStarts = new IntList();
var sourceStarts = new IntList();
var NO_STARTS = new Int32Array(0);
var Reduction = class {
  constructor(text3, firstStatement, error) {
    this.text = text3;
    this.firstStatement = firstStatement;
    this.error = error;
  }
  text;
  firstStatement;
  error;
  blocks = [];
  reducedStarts = NO_STARTS;
  sourceStarts = NO_STARTS;
  build(text3, statements) {
    reducedStarts.size = 0;
    sourceStarts.size = 0;
    let out = "";
    const strings2 = stringRanges.data;
    const nStrings = stringRanges.size;
    let si = 0;
    const joins = continuations.data;
    const nJoins = continuations.size;
    let ji = 0;
    const piece = (from, to) => {
      while (si < nStrings && strings2[si] < from) si += 2;
      while (ji < nJoins && joins[ji] < from) ji++;
      let at3 = from;
      let open = false;
      for (; ; ) {
        const string2 = si < nStrings && strings2[si + 1] <= to ? strings2[si] : Infinity;
        const join7 = ji < nJoins && joins[ji] + 2 <= to ? joins[ji] : Infinity;
        if (string2 === Infinity && join7 === Infinity) break;
        if (!open) {
          reducedStarts.push(out.length);
          sourceStarts.push(at3);
          open = true;
        }
        if (join7 < string2) {
          out += text3.slice(at3, join7) + "  ";
          at3 = join7 + 2;
          ji++;
          continue;
        }
        if (strings2[si + 1] !== strings2[si]) {
          out += text3.slice(at3, string2);
          at3 = strings2[si + 1];
          open = false;
        }
        si += 2;
      }
      if (!open) {
        reducedStarts.push(out.length);
        sourceStarts.push(at3);
      }
      out += text3.slice(at3, to);
    };
    for (let k = 0; k < statements.length; k++) {
      const s = statements[k];
      if (s.kind === "decorator") {
        let d = k;
        while (statements[d].kind === "decorator" && d + 1 < statements.length) d++;
        const target = statements[d];
        if (target.kind === "block" && target.hasBody) {
          this.blocks.push({ ...target.block, from: s.from });
          k = d;
          continue;
        }
      } else if (s.kind === "block" && s.hasBody) {
        this.blocks.push({ ...s.block, from: s.from });
        continue;
      }
      if (out.length) out += "\n";
      piece(s.from, s.end);
    }
    this.text = out.includes("\f") ? out.replaceAll("\f", " ") : out;
    this.reducedStarts = reducedStarts.data.slice(0, reducedStarts.size);
    this.sourceStarts = sourceStarts.data.slice(0, sourceStarts.size);
  }
  toSource(offset, end = false) {
    const starts = this.reducedStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (end ? starts[mid] < offset : starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return hi < 0 ? offset : this.sourceStarts[lo] + (offset - starts[lo]);
  }
};
function splitStatements(text3) {
  const n = text3.length;
  const out = [];
  let cur;
  const levels = indents;
  const altLevels = altIndents;
  levels.size = 0;
  altLevels.size = 0;
  let opened = false;
  let decorator = -1;
  let i = 0;
  while (i < n) {
    let j = i;
    let c = text3.charCodeAt(j);
    let col = 0;
    let alt = 0;
    while (c === SPACE || c === TAB || c === FF) {
      col = c === SPACE ? col + 1 : c === TAB ? (col & ~7) + 8 : 0;
      alt = c === FF ? 0 : alt + 1;
      c = text3.charCodeAt(++j);
    }
    if (j >= n) break;
    if (c === NL) {
      i = j + 1;
      continue;
    }
    if (c === HASH) {
      const nl = text3.indexOf("\n", j);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (col < decorator) throw new LexError(j, "unexpected unindent");
    decorator = c === AT ? col : -1;
    if (col > 0) {
      const top = levels.size ? levels.data[levels.size - 1] : 0;
      const altTop = altLevels.size ? altLevels.data[altLevels.size - 1] : 0;
      if (!cur) throw new LexError(j, "unexpected indent");
      if (opened) {
        if (col <= top) throw new LexError(j, "expected an indented block");
        if (alt <= altTop) throw new LexError(j, TAB_ERROR);
        if (levels.size >= MAX_INDENT) throw new LexError(j, "too many levels of indentation");
        levels.push(col);
        altLevels.push(alt);
      } else if (col > top) throw new LexError(j, "unexpected indent");
      else if (col < top) {
        while (levels.size && levels.data[levels.size - 1] > col) {
          levels.size--;
          altLevels.size--;
        }
        if ((levels.size ? levels.data[levels.size - 1] : 0) !== col)
          throw new LexError(j, "unindent does not match any outer indentation level");
        if ((altLevels.size ? altLevels.data[altLevels.size - 1] : 0) !== alt)
          throw new LexError(j, TAB_ERROR);
      } else if (alt !== altTop) throw new LexError(j, TAB_ERROR);
      const stop2 = scanLine(text3, j, false);
      opened = lastColon;
      cur.end = stop2;
      if (cur.kind === "block") cur.hasBody = true;
      i = stop2 + 1;
      continue;
    }
    levels.size = 0;
    altLevels.size = 0;
    cur = classify(text3, j);
    const stop = scanLine(text3, j, cur.kind === "block");
    cur.end = stop;
    opened = lastColon;
    if (cur.kind === "block") {
      cur.hasBody = headerColon >= 0 && !/^[ \t\f]*(#.*)?$/.test(text3.slice(headerColon + 1, stop));
    }
    if (cur.kind === "decorator" && /^[ \t\f]*(#.*)?$/.test(text3.slice(j + 1, stop)))
      throw new LexError(j, "invalid syntax");
    out.push(cur);
    i = stop + 1;
  }
  return out;
}
function classify(text3, j) {
  const s = { kind: "other", from: j, end: j };
  if (text3.charCodeAt(j) === AT) {
    s.kind = "decorator";
    return s;
  }
  let k = j;
  let keyword2;
  if (isWord(text3, j, "def")) [k, keyword2] = [j + 3, "def"];
  else if (isWord(text3, j, "class")) [k, keyword2] = [j + 5, "class"];
  else if (isWord(text3, j, "async")) {
    const d = skipBlank(text3, j + 5);
    if (isWord(text3, d, "def")) [k, keyword2] = [d + 3, "def"];
  }
  if (keyword2) {
    const nameFrom = skipBlank(text3, k);
    const name2 = text3.slice(nameFrom, identEnd(text3, nameFrom));
    if (name2) {
      s.kind = "block";
      s.block = { keyword: keyword2, name: name2, nameFrom };
    }
  }
  return s;
}
function isWord(text3, at3, word) {
  return text3.startsWith(word, at3) && !isIdentChar(text3.charCodeAt(at3 + word.length));
}
function identEnd(text3, i) {
  if (i < text3.length && isDigit2(text3.charCodeAt(i))) return i;
  while (i < text3.length && isIdentChar(text3.charCodeAt(i))) i++;
  return i;
}
function skipBlank(text3, i) {
  while (text3.charCodeAt(i) === SPACE || text3.charCodeAt(i) === TAB) i++;
  return i;
}
var NL = 10;
var SPACE = 32;
var TAB = 9;
var FF = 12;
var HASH = 35;
var AT = 64;
var BACKSLASH = 92;
var COLON = 58;
var LBRACE = 123;
var RBRACE = 125;
var K_NL = 1;
var K_HASH = 2;
var K_BACKSLASH = 3;
var K_QUOTE = 4;
var K_OPEN = 5;
var K_CLOSE = 6;
var K_COLON = 7;
var CLASS = new Uint8Array(128);
CLASS[NL] = K_NL;
CLASS[HASH] = K_HASH;
CLASS[BACKSLASH] = K_BACKSLASH;
CLASS[34] = CLASS[39] = K_QUOTE;
CLASS[40] = CLASS[91] = CLASS[LBRACE] = K_OPEN;
CLASS[41] = CLASS[93] = CLASS[RBRACE] = K_CLOSE;
CLASS[COLON] = K_COLON;
var LexError = class extends Error {
  constructor(offset, message2) {
    super(message2);
    this.offset = offset;
  }
  offset;
};
function isIdentChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || isDigit2(c) || c === 95 || c >= 128;
}
function isDigit2(c) {
  return c >= 48 && c <= 57;
}
var headerColon = -1;
var lastColon = false;
function scanLine(text3, start, header) {
  const n = text3.length;
  const stack = brackets;
  stack.size = 0;
  let colon = -1;
  let comment2 = -1;
  let i = start;
  while (i < n) {
    const c = text3.charCodeAt(i);
    const k = c < 128 ? CLASS[c] : 0;
    if (k === 0) {
      i++;
      continue;
    }
    switch (k) {
      case K_NL:
        if (!stack.size) return endLine(text3, i, colon, comment2);
        comment2 = -1;
        i++;
        break;
      case K_HASH: {
        const nl = text3.indexOf("\n", i);
        comment2 = i;
        i = nl < 0 ? n : nl;
        break;
      }
      case K_BACKSLASH:
        if (text3.charCodeAt(i + 1) !== NL) i++;
        else {
          if (stringContents) continuations.push(i);
          i += 2;
        }
        break;
      case K_QUOTE:
        i = skipString(text3, i);
        break;
      case K_OPEN:
        if (stack.size >= MAX_NESTING) throw new LexError(i, "too many nested parentheses");
        stack.push(i++);
        break;
      case K_CLOSE:
        checkCloser(text3, stack, i++);
        break;
      case K_COLON:
        if (header && colon < 0 && !stack.size) colon = i;
        i++;
        break;
    }
  }
  if (stack.size) {
    const open = stack.data[stack.size - 1];
    throw new LexError(open, `'${text3[open]}' was never closed`);
  }
  return endLine(text3, n, colon, comment2);
}
function endLine(text3, end, colon, comment2) {
  headerColon = colon;
  let last = (comment2 >= 0 ? comment2 : end) - 1;
  for (let c = text3.charCodeAt(last); c === SPACE || c === TAB || c === FF || c === 13; c = text3.charCodeAt(--last)) ;
  lastColon = text3.charCodeAt(last) === COLON;
  return end;
}
var MAX_NESTING = 200;
var brackets = new IntList();
var indents = new IntList();
var altIndents = new IntList();
var TAB_ERROR = "inconsistent use of tabs and spaces in indentation";
var MAX_INDENT = 99;
function checkCloser(text3, stack, i) {
  const open = stack.pop();
  if (open === void 0) throw new LexError(i, `unmatched '${text3[i]}'`);
  const o = text3.charCodeAt(open);
  if ((o === 40 ? 41 : o + 2) !== text3.charCodeAt(i)) {
    throw new LexError(
      i,
      `closing parenthesis '${text3[i]}' does not match opening parenthesis '${text3[open]}'`
    );
  }
}
var prefixStart = 0;
function stringPrefix(text3, q) {
  if (q >= 2 && prefixFree(text3, q - 2)) {
    const a = text3.charCodeAt(q - 2) | 32;
    const b = text3.charCodeAt(q - 1) | 32;
    const two = a === CH_B && b === CH_R || a === CH_R && (b === CH_B || b === CH_F || b === CH_T) || (a === CH_F || a === CH_T) && b === CH_R;
    if (two) {
      prefixStart = q - 2;
      return a === CH_F || a === CH_T || b === CH_F || b === CH_T;
    }
  }
  if (q >= 1 && prefixFree(text3, q - 1)) {
    const a = text3.charCodeAt(q - 1) | 32;
    if (a === CH_R || a === CH_U || a === CH_B || a === CH_F || a === CH_T) {
      prefixStart = q - 1;
      return a === CH_F || a === CH_T;
    }
  }
  prefixStart = q;
  return false;
}
function prefixFree(text3, s) {
  return s === 0 || !isIdentChar(text3.charCodeAt(s - 1));
}
var CH_B = 98;
var CH_F = 102;
var CH_R = 114;
var CH_T = 116;
var CH_U = 117;
var stringContents;
var stringRanges = new IntList();
var continuations = new IntList();
var insideFormat = 0;
function skipString(text3, q) {
  const format = stringPrefix(text3, q);
  const start = prefixStart;
  if (format) insideFormat++;
  try {
    const end = stringEnd(text3, q, start, format);
    const quote = text3.charCodeAt(q);
    if (stringContents && !format && insideFormat === 0 && text3.charCodeAt(end) !== quote) {
      const quoteLen = text3.charCodeAt(q + 1) === quote && text3.charCodeAt(q + 2) === quote ? 3 : 1;
      stringContents.push(q + quoteLen);
      stringContents.push(end - quoteLen);
    }
    return end;
  } finally {
    if (format) insideFormat--;
  }
}
function stringEnd(text3, q, start, format) {
  const quote = text3.charCodeAt(q);
  const triple = text3.charCodeAt(q + 1) === quote && text3.charCodeAt(q + 2) === quote;
  const n = text3.length;
  let i = q + (triple ? 3 : 1);
  while (i < n) {
    const c = text3.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === quote) {
      if (!triple) return i + 1;
      if (text3.charCodeAt(i + 1) === quote && text3.charCodeAt(i + 2) === quote) return i + 3;
      i++;
    } else if (c === NL && !triple) break;
    else if (format && c === LBRACE) {
      if (text3.charCodeAt(i + 1) === LBRACE) i += 2;
      else i = skipReplacementField(text3, i + 1, start, triple);
    } else i++;
  }
  throw unterminated(start, triple);
}
function unterminated(start, triple) {
  return new LexError(
    start,
    triple ? "unterminated triple-quoted string literal" : "unterminated string literal"
  );
}
function skipReplacementField(text3, from, stringStart2, triple) {
  const n = text3.length;
  let depth = 0;
  let i = from;
  while (i < n) {
    const c = text3.charCodeAt(i);
    if (c === NL && !triple && depth === 0) break;
    if (c === 34 || c === 39) i = skipString(text3, i);
    else if (c === 40 || c === 91 || c === LBRACE) {
      depth++;
      i++;
    } else if (c === 41 || c === 93 || c === RBRACE) {
      if (depth === 0 && c === RBRACE) return i + 1;
      depth--;
      i++;
    } else if (c === COLON && depth === 0) {
      i++;
      while (i < n) {
        const d = text3.charCodeAt(i);
        if (d === RBRACE) return i + 1;
        if (d === LBRACE) i = skipReplacementField(text3, i + 1, stringStart2, triple);
        else if (d === NL && !triple) break;
        else i++;
      }
      break;
    } else i++;
  }
  throw unterminated(stringStart2, triple);
}

// src/formats/alembic/parse.ts
var FIELDS = ["revision", "down_revision", "branch_labels", "depends_on"];
var LEGACY_FILE = /^[a-f0-9]+\.py$/;
var MAX_SOURCE = 64 * 2 ** 20;
var MAX_DEPTH = 32;
var parser2;
async function loadParser() {
  return parser2 ??= (await Promise.resolve().then(() => (init_dist4(), dist_exports))).parser;
}
function preloadParser() {
  loadParser().catch(() => {
  });
}
async function parseRevisionFile(file, content2, opts = {}) {
  if (!parser2) await loadParser();
  const result = { file, problems: [] };
  if (content2.length > MAX_SOURCE) {
    const size = `${(content2.length / 2 ** 20).toFixed(0)} MiB`;
    const message2 = `too large for a revision file (${size}); not parsed`;
    result.problems.push({ kind: "unreadable", message: message2, line: 1, column: 0 });
    return result;
  }
  const decoded = decodePythonSource(content2);
  if (decoded.problem) result.problems.push({ kind: "encoding", ...decoded.problem });
  if (decoded.text === void 0) return result;
  const mod = analyzeModule(file, decoded.text, opts.fullParse ?? false);
  if (mod.syntaxError) {
    const at3 = mod.lines.at(mod.syntaxError.offset);
    result.problems.push({ kind: "syntax", message: mod.syntaxError.message, ...at3 });
  }
  if (opts.lean) result.lean = true;
  else {
    const docstring = readDocstring(mod);
    if (docstring) result.docstring = docstring;
  }
  const fast = opts.lean ? leanFields(mod) : void 0;
  const resolver = fast ? void 0 : new Resolver(mod, opts.loadModule, opts.lean ?? false);
  const missing = /* @__PURE__ */ new Set();
  for (let f = 0; f < FIELDS.length; f++) {
    const field = FIELDS[f];
    let out = fast ? fast[f] : resolver.field(field);
    if (out instanceof Promise) out = await out;
    if (out === "missing") {
      missing.add(field);
      continue;
    }
    if (out === "broken") continue;
    if (out.problem) result.problems.push(out.problem);
    if (!out.assignment) continue;
    if (field === "revision") result.revision = out.assignment;
    else if (field === "down_revision") result.downRevision = out.assignment;
    else if (field === "branch_labels") result.branchLabels = out.assignment;
    else result.dependsOn = out.assignment;
  }
  const base = file.slice(file.lastIndexOf("/") + 1);
  if (missing.has("revision")) {
    if (LEGACY_FILE.test(base)) {
      result.revision = { value: base.slice(0, -3), text: "", line: 1, column: 0, endLine: 1, endColumn: 0 };
      result.revisionFromFilename = true;
    } else if (!mod.syntaxError) {
      result.problems.push(invalid("no `revision` assignment (and the file name is not a legacy hex id)"));
    }
  }
  if (missing.has("down_revision") && !mod.syntaxError && result.revision) {
    result.problems.push(invalid("no `down_revision` assignment (Alembic requires it; use None for a base)"));
  }
  return result;
}
function invalid(message2, line = 1, column = 0) {
  return { kind: "invalid", message: message2, line, column };
}
var COMPOUND = {
  IfStatement: "if",
  TryStatement: "try",
  ForStatement: "for",
  WhileStatement: "while",
  WithStatement: "with",
  MatchStatement: "match"
};
var BOUND_BY = {
  FunctionDefinition: "defined by `def`",
  ClassDefinition: "defined by `class`",
  UpdateStatement: "augmented assignment",
  DeleteStatement: "deleted by `del`"
};
var shapes = /* @__PURE__ */ new Map();
var SHAPES = 256;
function cachedShape(text3) {
  let shape = shapes.get(text3);
  if (shape) {
    shapes.delete(text3);
  } else {
    shape = shapeOf(text3, parser2.parse(text3), []);
    if (shapes.size >= SHAPES) shapes.delete(shapes.keys().next().value);
  }
  shapes.set(text3, shape);
  return shape;
}
function shapeOf(text3, tree, extraErrors) {
  const errors = [];
  const cursor = tree.cursor();
  do
    if (cursor.type.isError) errors.push(cursor.from);
  while (cursor.next());
  const shape = { tree, errors, messages: /* @__PURE__ */ new Map(), bindings: /* @__PURE__ */ new Map(), stars: [] };
  const ctx = { text: text3, shape, errors: [...errors, ...extraErrors].sort((a, b) => a - b) };
  for (let top = tree.topNode.firstChild; top; top = top.nextSibling) {
    if (top.name !== "StatementGroup") {
      if (!isPunct(top)) addStatement(ctx, top);
      continue;
    }
    let empty = true;
    for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
      if (stmt.name === ";" && empty && !anyWithin(ctx.errors, stmt.from, stmt.to)) {
        shape.errors.push(stmt.from);
        shape.messages.set(stmt.from, "invalid syntax");
      }
      if (stmt.name !== "Comment") empty = stmt.name === ";";
      if (!isPunct(stmt)) addStatement(ctx, stmt);
    }
  }
  return shape;
}
function analyzeModule(file, text3, fullParse) {
  const reduced = reducePythonSource(text3, !fullParse);
  const lexical = reduced.error;
  const shape = lexical ? shapeOf(reduced.text, parser2.parse(reduced.text.slice(0, lexical.offset)), [lexical.offset]) : fullParse ? shapeOf(reduced.text, parser2.parse(reduced.text), []) : cachedShape(reduced.text);
  const mod = {
    file,
    text: text3,
    lines: new LineIndex(text3),
    reduced,
    top: shape.tree.topNode,
    shape,
    bindings: /* @__PURE__ */ new Map(),
    stars: shape.stars.length ? shape.stars.map((s) => ({ ...s, index: reduced.toSource(s.index), at: mapSpan(reduced, s.at) })) : NO_STARS
  };
  let first = -1;
  for (const e of shape.errors) if (first < 0 || e < first) first = e;
  const offset = first < 0 ? -1 : reduced.toSource(first);
  if (lexical && (offset < 0 || offset >= text3.lastIndexOf("\n", lexical.offset - 1) + 1))
    mod.syntaxError = lexical;
  else if (offset >= 0) {
    const message2 = shape.messages.get(first) ?? `invalid syntax near \`${near(text3, offset)}\``;
    mod.syntaxError = { offset, message: message2 };
  }
  return mod;
}
var NO_STARS = [];
function bindingsOf(mod, name2) {
  const known = mod.bindings.get(name2);
  if (known) return known;
  const reduced = mod.reduced;
  const list = [];
  for (const b of mod.shape.bindings.get(name2) ?? []) {
    const index = reduced.toSource(b.index);
    list.push(b.kind === "value" ? { ...b, index } : { ...b, index, at: mapSpan(reduced, b.at) });
  }
  let blocks = false;
  for (const block of reduced.blocks) {
    if (block.name !== name2) continue;
    const at3 = { from: block.nameFrom, to: block.nameFrom + block.name.length };
    list.push({ kind: "opaque", index: block.from, at: at3, reason: `defined by \`${block.keyword}\`` });
    blocks = true;
  }
  if (blocks) list.sort((x, y) => x.index - y.index);
  const global = globalIn(mod.text, name2);
  if (global >= 0) {
    const at3 = { from: global, to: global + name2.length };
    list.push({
      kind: "opaque",
      index: mod.text.length,
      at: at3,
      reason: "assigned by a function through `global`"
    });
  }
  mod.bindings.set(name2, list);
  return list;
}
function globalIn(text3, name2) {
  if (!text3.includes("global")) return -1;
  for (const m of text3.matchAll(/^[ \t]+global[ \t]+([^\n#;]*)/gm)) {
    let at3 = m.index + m[0].length - m[1].length;
    for (const part of m[1].split(",")) {
      if (part.trim() === name2) return at3 + part.indexOf(name2);
      at3 += part.length + 1;
    }
  }
  return -1;
}
function mapSpan(reduced, at3) {
  return { from: reduced.toSource(at3.from), to: reduced.toSource(at3.to, true) };
}
function anyWithin(xs, from, to) {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (xs[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && xs[lo] <= to;
}
function addStatement(ctx, stmt) {
  const index = stmt.from;
  const text3 = (node) => ctx.text.slice(node.from, node.to);
  const bindTo = (name2, binding) => {
    const list = ctx.shape.bindings.get(name2);
    if (list) list.push(binding);
    else ctx.shape.bindings.set(name2, [binding]);
  };
  const opaque = (node, reason, syntax = false) => bindTo(text3(node), { kind: "opaque", index, at: { from: node.from, to: node.to }, reason, syntax });
  const refused = anyWithin(ctx.errors, stmt.from, stmt.to) ? void 0 : keywordAttribute(ctx.text, stmt) ?? compileError(stmt);
  if (refused) {
    ctx.shape.errors.push(refused.at);
    ctx.shape.messages.set(refused.at, refused.message);
  }
  const broken = !!refused || anyWithin(ctx.errors, stmt.from, stmt.to);
  if (ctx.text.slice(stmt.from, stmt.to).includes(":="))
    for (const walrus of namedExpressions(stmt)) opaque(walrus, "assigned by `:=`", broken);
  switch (stmt.name) {
    case "AssignStatement": {
      const groups = splitOn(children(stmt), "AssignOp");
      if (groups.length < 2) return;
      const value = groups[groups.length - 1];
      const quote = firstQuote(ctx.text, value);
      for (const group of groups.slice(0, -1)) {
        const targets2 = group.filter((n) => n.name !== "TypeDef" && n.name !== ",");
        const simple = targets2.every((n) => n.name === "VariableName");
        const unpack = targets2.length > 1 || group.some((n) => n.name === ",");
        for (const [k, target] of targets2.entries()) {
          if (broken) for (const v of targetNames(target)) opaque(v, "syntax error", true);
          else if (simple) {
            const element = unpack ? k : void 0;
            const binding = { kind: "value", index, stmt, value, element, arity: targets2.length };
            if (quote) binding.quote = quote;
            bindTo(text3(target), binding);
          } else for (const v of targetNames(target)) opaque(v, "assigned by unpacking");
        }
      }
      return;
    }
    case "ImportStatement":
      for (const imp of readImport(ctx.text, stmt)) {
        const at3 = { from: stmt.from, to: stmt.to };
        if ("star" in imp) ctx.shape.stars.push({ index, at: at3, module: imp.star });
        else bindTo(imp.name, { kind: "import", index, at: at3, module: imp.module, attr: imp.attr });
      }
      return;
    default: {
      const names = [];
      boundNames(ctx.text, stmt, names);
      const inner = stmt.name === "DecoratedStatement" ? stmt.lastChild ?? stmt : stmt;
      const what = COMPOUND[stmt.name];
      const reason = broken ? "syntax error" : what ? `assigned inside ${what === "if" ? "an" : "a"} \`${what}\` block` : BOUND_BY[inner.name] ?? `bound by \`${text3(stmt).split(/\s/, 1)[0]}\``;
      for (const n of names) opaque(n, reason, broken);
    }
  }
}
var KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " "
  )
);
function keywordAttribute(text3, stmt) {
  const c = stmt.cursor();
  do
    if (c.name === "PropertyName" && KEYWORDS.has(text3.slice(c.from, c.to)))
      return { at: c.from, message: "invalid syntax" };
  while (c.next() && c.from < stmt.to);
  return void 0;
}
function compileError(stmt) {
  const kids = children(stmt).filter((k) => k.name !== "Comment");
  for (const body of kids)
    if (body.name === "Body")
      for (const inner of children(body))
        for (const one of inner.name === "StatementGroup" ? children(inner) : [inner]) {
          const nested = isPunct(one) ? void 0 : compileError(one);
          if (nested) return nested;
        }
  if (stmt.name === "ImportStatement") {
    const last = kids[kids.length - 1];
    const parenthesized = kids.some((k) => k.name === "(");
    if (last?.name === "," && !parenthesized)
      return { at: last.from, message: "trailing comma not allowed without surrounding parentheses" };
    const names = kids.findIndex((k) => k.name === "import");
    const dot2 = kids[0]?.name === "from" ? kids.slice(names + 1).find((k) => k.name === ".") : void 0;
    return dot2 && { at: dot2.from, message: "invalid syntax" };
  }
  if (stmt.name === "TryStatement") {
    for (let k = 0; k < kids.length; k++) {
      if (kids[k].name !== "except") continue;
      for (let m = k + 1; m < kids.length && kids[m].name !== "Body" && kids[m].name !== "as"; m++)
        if (kids[m].name === ",")
          return { at: kids[m].from, message: "multiple exception types must be parenthesized" };
    }
    return void 0;
  }
  if (stmt.name !== "AssignStatement") return void 0;
  const groups = splitOn(kids, "AssignOp");
  if (groups.length < 2 && !groups[0].some((k) => k.name === "TypeDef")) return void 0;
  const targets2 = groups.length < 2 ? groups : groups.slice(0, -1);
  for (const [g, group] of targets2.entries()) {
    const annotated = group.some((k) => k.name === "TypeDef");
    const parts = group.filter((k) => k.name !== "TypeDef" && k.name !== "," && k.name !== "*");
    if (annotated) {
      if (g > 0 || targets2.length > 1) return { at: group[0].from, message: "invalid syntax" };
      if (parts.length !== 1 || group.some((k) => k.name === ","))
        return { at: group[0].from, message: "only single target (not tuple) can be annotated" };
      let target = parts[0];
      while (target.name === "ParenthesizedExpression") {
        const inner = children(target).filter((k) => !isPunct(k));
        if (inner.length !== 1) break;
        target = inner[0];
      }
      if (target.name !== "VariableName" && target.name !== "MemberExpression")
        return { at: parts[0].from, message: "illegal target for annotation" };
      continue;
    }
    for (const part of parts) {
      const bad = unassignable(part);
      if (bad) return { at: bad.from, message: `cannot assign to ${describeTarget(bad)}` };
    }
  }
  return void 0;
}
function unassignable(node) {
  switch (node.name) {
    case "VariableName":
    case "MemberExpression":
      return void 0;
    case "TupleExpression":
    case "ArrayExpression":
    case "ParenthesizedExpression":
      for (const k of children(node)) {
        if (isPunct(k) || k.name === "*") continue;
        const bad = unassignable(k);
        if (bad) return bad;
      }
      return void 0;
    default:
      return node;
  }
}
function describeTarget(node) {
  if (["String", "Number", "None", "Boolean", "ContinuedString"].includes(node.name)) return "literal";
  if (node.name === "CallExpression") return "function call";
  return "expression";
}
var BODIES = /* @__PURE__ */ new Set(["Body", "MatchBody", "MatchClause"]);
function boundNames(text3, node, out) {
  const kids = children(node);
  switch (node.name) {
    case "AssignStatement": {
      const groups = splitOn(kids, "AssignOp");
      for (const g of groups.slice(0, -1)) for (const t2 of g) out.push(...targetNames(t2));
      return;
    }
    case "UpdateStatement":
    case "DeleteStatement":
      out.push(...targetNames(kids[0]));
      if (node.name === "DeleteStatement") for (const t2 of kids.slice(1)) out.push(...targetNames(t2));
      return;
    case "ImportStatement":
      for (const imp of readImport(text3, node)) if ("name" in imp) out.push(imp.node);
      return;
    case "FunctionDefinition":
    case "ClassDefinition": {
      const name2 = kids.find((k) => k.name === "VariableName");
      if (name2) out.push(name2);
      return;
    }
  }
  const inAt = kids.findIndex((k) => k.name === "in");
  for (const [k, kid] of kids.entries()) {
    const prev = kids[k - 1]?.name;
    const forTarget = node.name === "ForStatement" && k > 0 && k < inAt;
    if (prev === "as" || forTarget) out.push(...targetNames(kid));
    else if (node.name === "Body" || node.name === "DecoratedStatement" || BODIES.has(kid.name)) {
      boundNames(text3, kid, out);
    }
  }
}
function namedExpressions(node) {
  const out = [];
  const cursor = node.cursor();
  do
    if (cursor.name === "NamedExpression" && cursor.node.firstChild?.name === "VariableName")
      out.push(cursor.node.firstChild);
  while (cursor.next() && cursor.from < node.to);
  return out;
}
function targetNames(node) {
  if (!node) return [];
  if (node.name === "VariableName") return [node];
  if (node.name === "TupleExpression" || node.name === "ArrayExpression" || node.name === "ParenthesizedExpression") {
    return children(node).flatMap(targetNames);
  }
  return [];
}
function readImport(source, stmt) {
  const src2 = (node) => source.slice(node.from, node.to);
  const kids = children(stmt).filter((k) => k.name !== "Comment");
  const out = [];
  let i = 1;
  const dotted = () => {
    let text3 = "";
    let first;
    while (i < kids.length && ["VariableName", ".", "Ellipsis"].includes(kids[i].name)) {
      if (kids[i].name === "VariableName") first ??= kids[i];
      text3 += src2(kids[i++]);
    }
    return { text: text3, first };
  };
  const alias = () => {
    if (kids[i]?.name !== "as") return void 0;
    i++;
    return kids[i]?.name === "VariableName" ? kids[i++] : void 0;
  };
  if (kids[0]?.name === "from") {
    const from = dotted().text;
    if (kids[i]?.name !== "import") return out;
    i++;
    while (i < kids.length) {
      const k = kids[i++];
      if (k.name === "*") out.push({ star: from });
      if (k.name !== "VariableName") continue;
      const as = alias() ?? k;
      out.push({ name: src2(as), node: as, module: from, attr: src2(k) });
    }
  } else if (kids[0]?.name === "import") {
    while (i < kids.length) {
      const d = dotted();
      if (!d.first) {
        i++;
        continue;
      }
      const as = alias();
      if (as) out.push({ name: src2(as), node: as, module: d.text });
      else out.push({ name: src2(d.first), node: d.first, module: src2(d.first) });
    }
  }
  return out;
}
var moduleCache = /* @__PURE__ */ new Map();
var MODULE_CACHE_SIZE = 64;
var Resolver = class {
  constructor(root, loader, lean) {
    this.root = root;
    this.loader = loader;
    this.lean = lean;
  }
  root;
  loader;
  lean;
  loads = /* @__PURE__ */ new Map();
  stack = [];
  /** Synchronous for the common case (no star import, a literal value): no promise per field. */
  field(name2) {
    const root = this.root;
    if (root.stars.length) return this.lookup(root, name2, Infinity).then((b) => this.fieldOf(name2, b));
    const list = bindingsOf(root, name2);
    return this.fieldOf(name2, list[list.length - 1]);
  }
  fieldOf(name2, b) {
    const root = this.root;
    if (!b) return "missing";
    if (b.kind === "opaque") {
      if (b.syntax) return "broken";
      const message2 = `cannot resolve \`${name2}\` statically: ${b.reason}`;
      return { problem: { kind: "unresolvable", message: message2, ...root.lines.at(b.at.from) } };
    }
    const stmt = b.kind === "value" ? span(root, b.stmt) : b.at;
    const plain = b.kind === "value" && b.element === void 0 ? literal2(root, b.value) : void 0;
    if (plain) return this.outcome(name2, b, stmt, { value: plain });
    return this.resolveBinding(root, b, name2, stmt).then((r) => this.outcome(name2, b, stmt, r));
  }
  outcome(name2, b, stmt, r) {
    const root = this.root;
    if ("fail" in r) {
      const f = r.fail.module === root ? r.fail : this.wrap(root, stmt, r.fail);
      const detail = f.detail ? ` (${f.detail})` : "";
      const message2 = `cannot resolve \`${name2}\` value \`${short(slice(f.module, f.at))}\` statically${detail}`;
      return { problem: { kind: "unresolvable", message: message2, ...root.lines.at(f.at.from) } };
    }
    const lean = leanOutcome(name2, r.value, root.lines.at(stmt.from));
    if (this.lean || !lean.assignment) return lean;
    const { assignment: start, problem } = lean;
    const end = root.lines.at(stmt.to);
    const text3 = root.text;
    const lineStart = text3.lastIndexOf("\n", stmt.from - 1) + 1;
    const lineEnd = text3.indexOf("\n", stmt.to);
    const assignment = {
      ...start,
      endLine: end.line,
      endColumn: end.column,
      text: slice(root, stmt),
      lines: text3.slice(lineStart, lineEnd < 0 ? text3.length : lineEnd)
    };
    if (b.kind === "value") {
      const annotation = annotationOf(root, b.stmt);
      if (annotation !== void 0) assignment.annotation = annotation;
      if (b.quote) assignment.quote = b.quote;
      const value = valueSpan(root, b);
      if (value) assignment.valueAt = { from: value.from - lineStart, to: value.to - lineStart };
    }
    return problem ? { assignment, problem } : { assignment };
  }
  async resolveBinding(m, b, name2, ref) {
    const key2 = `${m.file}\0${name2}\0${b.index}`;
    if (this.stack.includes(key2)) return fail(m, ref, `import cycle through \`${name2}\``);
    if (this.stack.length >= MAX_DEPTH) return fail(m, ref, "too many nested references");
    this.stack.push(key2);
    try {
      if (b.kind === "opaque") return fail(m, b.at, b.reason);
      if (b.kind === "import") {
        const module = { t: "module", dotted: b.module, from: m.file };
        return b.attr === void 0 ? { value: module } : await this.attribute(m, ref, module, b.attr);
      }
      const r = await this.evalNodes(m, b.value, b.index);
      if ("fail" in r || b.element === void 0) return r;
      if (r.value.t !== "seq" || r.value.items.length !== b.arity) {
        return fail(m, span(m, b.value[0]), `cannot unpack into ${b.arity} names`);
      }
      return { value: r.value.items[b.element] };
    } finally {
      this.stack.pop();
    }
  }
  /** A value group: one expression, or a bare tuple `a, b`. */
  async evalNodes(m, nodes, before) {
    const exprs = nodes.filter((n) => !isPunct(n));
    if (exprs.length === 1 && !nodes.some((n) => n.name === ",")) return this.eval(m, exprs[0], before);
    return this.evalItems(m, exprs, before);
  }
  async evalItems(m, exprs, before) {
    const items = [];
    for (const e of exprs) {
      const r = await this.eval(m, e, before);
      if ("fail" in r) return r;
      items.push(r.value);
    }
    return { value: { t: "seq", items } };
  }
  async eval(m, node, before) {
    switch (node.name) {
      case "None":
        return { value: { t: "none" } };
      case "String": {
        const lit = stringLiteralValue(src(m, node));
        return lit ? { value: { t: "str", v: lit.value } } : fail(m, span(m, node));
      }
      case "ContinuedString": {
        let v = "";
        for (const part of children(node).filter((k) => k.name !== "Comment")) {
          const lit = part.name === "String" ? stringLiteralValue(src(m, part)) : void 0;
          if (!lit) return fail(m, span(m, part));
          v += lit.value;
        }
        return { value: { t: "str", v } };
      }
      case "ParenthesizedExpression":
        return this.evalNodes(m, children(node), before);
      case "TupleExpression":
      case "ArrayExpression": {
        const kids = children(node);
        if (kids.some((k) => k.name === "*")) return fail(m, span(m, node));
        return this.evalItems(
          m,
          kids.filter((k) => !isPunct(k)),
          before
        );
      }
      case "VariableName": {
        const name2 = src(m, node);
        const b = await this.lookup(m, name2, before);
        const at3 = span(m, node);
        if (!b)
          return fail(
            m,
            at3,
            `\`${name2}\` is not defined at module level${m === this.root ? "" : ` in ${m.file}`}`
          );
        return this.local(m, at3, await this.resolveBinding(m, b, name2, at3));
      }
      case "MemberExpression": {
        const kids = children(node);
        const at3 = span(m, node);
        if (kids.length !== 3 || kids[1].name !== "." || kids[2].name !== "PropertyName") return fail(m, at3);
        const obj = await this.eval(m, kids[0], before);
        if ("fail" in obj) return obj;
        if (obj.value.t !== "module") return fail(m, at3);
        return this.local(m, at3, await this.attribute(m, at3, obj.value, src(m, kids[2])));
      }
      default:
        return fail(m, span(m, node));
    }
  }
  /** `module.attr`: a name bound in the module, else a submodule. */
  async attribute(m, ref, module, attr) {
    const target = await this.load(module.dotted, module.from);
    if (target?.syntaxError)
      return fail(
        m,
        ref,
        `${target.file}:${target.lines.at(target.syntaxError.offset).line} has a syntax error, so Python cannot import it`
      );
    if (target) {
      const b = await this.lookup(target, attr, Infinity);
      if (b) return this.resolveBinding(target, b, attr, b.kind === "value" ? span(target, b.stmt) : b.at);
    }
    const dotted = module.dotted.endsWith(".") ? module.dotted + attr : `${module.dotted}.${attr}`;
    if (await this.load(dotted, module.from)) return { value: { t: "module", dotted, from: module.from } };
    if (target) return fail(m, ref, `\`${attr}\` is not defined in ${target.file}`);
    return fail(m, ref, this.loader ? `module \`${module.dotted}\` not found` : "imports are not followed");
  }
  /** Failures inside another module are reported at the expression of `m` that led there. */
  local(m, at3, r) {
    return "fail" in r && r.fail.module !== m ? { fail: this.wrap(m, at3, r.fail) } : r;
  }
  wrap(m, at3, f) {
    const where3 = `\`${short(slice(f.module, f.at))}\` at ${f.module.file}:${f.module.lines.at(f.at.from).line}`;
    return { module: m, at: at3, detail: f.detail ? `${where3}: ${f.detail}` : `${where3} is not a constant` };
  }
  /** The binding of `name` visible before the statement at `before` (the module runs top to bottom). */
  async lookup(m, name2, before) {
    const list = bindingsOf(m, name2);
    let found;
    for (let k = list.length - 1; k >= 0 && !found; k--) if (list[k].index < before) found = list[k];
    if (name2.startsWith("_")) return found;
    for (let s = m.stars.length - 1; s >= 0; s--) {
      const star = m.stars[s];
      if (star.index >= before || found && star.index < found.index) continue;
      const target = await this.load(star.module, m.file);
      if (target && bindingsOf(target, name2).length) {
        return { kind: "import", index: star.index, at: star.at, module: star.module, attr: name2 };
      }
    }
    return found;
  }
  load(dotted, from) {
    const loader = this.loader;
    if (!loader) return Promise.resolve(void 0);
    const key2 = dotted.startsWith(".") ? `${from}\0${dotted}` : dotted;
    let p = this.loads.get(key2);
    if (!p) {
      p = loader(dotted, from).then(
        (loaded) => loaded ? cachedModule(loaded.file, loaded.text) : void 0,
        () => void 0
      );
      this.loads.set(key2, p);
    }
    return p;
  }
};
function valueSpan(m, b) {
  let exprs = b.value.filter((n) => !isPunct(n));
  if (!exprs.length) return void 0;
  if (b.element !== void 0) {
    if (exprs.length === 1 && exprs.length !== b.arity) {
      const only = exprs[0];
      if (only.name !== "TupleExpression" && only.name !== "ArrayExpression") return void 0;
      exprs = children(only).filter((n) => !isPunct(n));
    }
    const one = exprs.length === b.arity ? exprs[b.element] : void 0;
    return one && span(m, one);
  }
  return { from: span(m, exprs[0]).from, to: span(m, exprs[exprs.length - 1]).to };
}
function literal2(m, nodes) {
  const plan = literalPlan(nodes);
  return plan && readLiteral(m, plan);
}
function leanOutcome(name2, v, start) {
  const converted = convert(name2, v);
  let problem;
  let value;
  if (typeof converted === "object" && "invalid" in converted) {
    problem = invalid(converted.invalid, start.line, start.column);
    if (!converted.fallback) return { problem };
    value = converted.fallback;
  } else value = converted;
  const { line, column } = start;
  const assignment = { value, line, column, endLine: line, endColumn: column, text: "" };
  return problem ? { assignment, problem } : { assignment };
}
function leanPlanOf(shape) {
  if (shape.lean !== void 0) return shape.lean;
  let plan = null;
  if (!shape.stars.length && !shape.errors.length) {
    plan = [];
    for (const name2 of FIELDS) {
      const list = shape.bindings.get(name2);
      const b = list?.[list.length - 1];
      if (!b) {
        plan.push("missing");
        continue;
      }
      const value = b.kind === "value" && b.element === void 0 ? literalPlan(b.value) : void 0;
      if (!value || b.kind !== "value") {
        plan = null;
        break;
      }
      plan.push({ stmt: b.stmt.from, value });
    }
  }
  shape.lean = plan;
  return plan;
}
function literalPlan(nodes) {
  const exprs = nodes.filter((n) => !isPunct(n));
  if (exprs.length !== 1 || nodes.some((n) => n.name === ",")) return void 0;
  const one = (node) => {
    switch (node.name) {
      case "None":
        return { t: "none" };
      case "String":
        return { t: "str", from: node.from, to: node.to };
      case "TupleExpression":
      case "ArrayExpression": {
        const items = [];
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === "*") return void 0;
          if (isPunct(c)) continue;
          const v = one(c);
          if (!v) return void 0;
          items.push(v);
        }
        return { t: "seq", items };
      }
      default:
        return void 0;
    }
  };
  return one(exprs[0]);
}
function leanFields(mod) {
  const plan = leanPlanOf(mod.shape);
  if (!plan) return void 0;
  const reduced = mod.reduced;
  for (const block of reduced.blocks)
    if (FIELDS.includes(block.name)) return void 0;
  if (mod.text.includes("global")) return void 0;
  const out = [];
  for (let f = 0; f < FIELDS.length; f++) {
    const p = plan[f];
    if (p === "missing") {
      out.push("missing");
      continue;
    }
    const value = readLiteral(mod, p.value);
    if (!value) return void 0;
    out.push(leanOutcome(FIELDS[f], value, mod.lines.at(reduced.toSource(p.stmt))));
  }
  return out;
}
function readLiteral(mod, p) {
  if (p.t === "none") return { t: "none" };
  if (p.t === "str") {
    const raw = mod.text.slice(mod.reduced.toSource(p.from), mod.reduced.toSource(p.to, true));
    const lit = stringLiteralValue(raw);
    return lit && { t: "str", v: lit.value };
  }
  const items = [];
  for (const item of p.items) {
    const v = readLiteral(mod, item);
    if (!v) return void 0;
    items.push(v);
  }
  return { t: "seq", items };
}
function cachedModule(file, raw) {
  const text3 = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const hit = moduleCache.get(file);
  if (hit && hit.text === text3) return hit;
  const mod = analyzeModule(file, text3, false);
  moduleCache.delete(file);
  moduleCache.set(file, mod);
  if (moduleCache.size > MODULE_CACHE_SIZE) moduleCache.delete(moduleCache.keys().next().value);
  return mod;
}
function convert(name2, v) {
  const describe = (x) => x.t === "str" ? `'${x.v}'` : x.t === "none" ? "None" : x.t === "seq" ? "a tuple" : "a module";
  if (name2 === "revision") {
    if (v.t !== "str") return { invalid: `\`revision\` must be a string, not ${describe(v)}` };
    if (v.v === "") return { invalid: "`revision` is an empty string" };
    return v.v;
  }
  if (v.t === "none") return [];
  if (name2 === "down_revision" && v.t === "str" && v.v === "") {
    return {
      invalid: "`down_revision` is an empty string: Alembic 1.8 reads it as a base, newer releases reject it; write None",
      fallback: []
    };
  }
  const ids = [];
  for (const item of v.t === "seq" ? v.items : [v]) {
    if (item.t !== "str") return { invalid: `\`${name2}\` must hold strings, not ${describe(item)}` };
    if (item.v === "") return { invalid: `\`${name2}\` holds an empty string` };
    ids.push(item.v);
  }
  return ids;
}
function fail(module, at3, detail) {
  return { fail: { module, at: at3, detail } };
}
function readDocstring(mod) {
  let first = mod.top.firstChild;
  while (first && first.name === "Comment") first = first.nextSibling;
  if (!first || first.name !== "ExpressionStatement" || pos(mod, first) !== mod.reduced.firstStatement)
    return;
  const str = first.firstChild;
  if (!str || str.name !== "String" && str.name !== "ContinuedString" || str.nextSibling) return;
  if (/^[^'"]*[bBfFtT]/.test(src(mod, str))) return;
  const { from, to } = span(mod, str);
  const text3 = mod.text;
  const start = mod.lines.at(from).line;
  const doc = { line: start };
  const head = text3.lastIndexOf("\n", from - 1) + 1;
  const lineEnd = text3.indexOf("\n", to);
  const last = lineEnd < 0 ? text3.length : lineEnd;
  const lineOf2 = (at3) => {
    const end = text3.indexOf("\n", at3);
    return { from: text3.lastIndexOf("\n", at3) + 1, to: end < 0 || end > last ? last : end };
  };
  const id2 = text3.indexOf("Revision ID:", head);
  if (id2 >= 0 && id2 < last) {
    const line = lineOf2(id2);
    doc.revisionId = /^[ \t]*([^\s'"]*)/.exec(text3.slice(id2 + 12, line.to))[1];
  }
  const rev = text3.indexOf("Revises:", head);
  if (rev >= 0 && rev < last) {
    const line = lineOf2(rev);
    const ids = text3.slice(rev + 8, line.to).replace(/("""|'''|["'])\s*$/, "").split(/[\s,]+/).filter(Boolean);
    doc.revises = ids.length === 1 && ids[0] === "None" ? [] : ids;
    doc.revisesLine = mod.lines.at(rev).line;
    doc.revisesText = text3.slice(line.from, line.to);
  }
  return doc;
}
function annotationOf(mod, stmt) {
  const typeDef = children(stmt).find((k) => k.name === "TypeDef");
  return typeDef ? src(mod, typeDef).replace(/^:/, "").trim() : void 0;
}
function firstQuote(text3, nodes) {
  for (const n of nodes) {
    const c = n.cursor();
    do {
      if (c.name === "String") return /['"]/.exec(text3.slice(c.from, c.to))?.[0];
    } while (c.next() && c.from < n.to);
  }
  return void 0;
}
function children(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}
function splitOn(nodes, sep2) {
  const groups = [[]];
  for (const n of nodes) {
    if (n.name === sep2) groups.push([]);
    else if (n.name !== "Comment") groups[groups.length - 1].push(n);
  }
  return groups;
}
function isPunct(n) {
  return ["(", ")", "[", "]", ",", ";", "Comment"].includes(n.name);
}
function pos(mod, node) {
  return mod.reduced.toSource(node.from);
}
function span(mod, node) {
  return { from: mod.reduced.toSource(node.from), to: mod.reduced.toSource(node.to, true) };
}
function src(mod, node) {
  return slice(mod, span(mod, node));
}
function slice(mod, at3) {
  return mod.text.slice(at3.from, at3.to);
}
function short(text3) {
  const one = text3.replace(/\s+/g, " ").trim();
  return one.length > 60 ? `${one.slice(0, 59)}\u2026` : one;
}
function near(text3, offset) {
  const lineEnd = text3.indexOf("\n", offset);
  return short(text3.slice(offset, lineEnd < 0 ? void 0 : lineEnd)) || "end of line";
}

// src/formats/alembic/module-loader.ts
import { posix as posix2 } from "node:path";
var IDENT = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*$/;
function moduleLoaderFor(read, roots) {
  return async (dotted, fromFile) => {
    for (const base of bases(dotted, fromFile, roots)) {
      const init = posix2.join(base.path, "__init__.py");
      for (const file of base.package ? [init] : [`${base.path}.py`, init]) {
        const content2 = await read(file).catch(() => void 0);
        if (!content2) continue;
        const text3 = decodePythonSource(content2).text;
        return text3 === void 0 ? void 0 : { file, text: text3 };
      }
    }
    return void 0;
  };
}
function bases(dotted, fromFile, roots) {
  const dots = /^\.*/.exec(dotted)[0].length;
  const rest = dotted.slice(dots);
  const parts = rest ? rest.split(".") : [];
  if (!parts.every((p) => IDENT.test(p))) return [];
  if (dots > 0) {
    let dir = posix2.dirname(fromFile);
    for (let k = 1; k < dots; k++) {
      if (dir === ".") return [];
      dir = posix2.dirname(dir);
    }
    const path = posix2.normalize(posix2.join(dir, ...parts));
    if (path.startsWith("..") || posix2.isAbsolute(path)) return [];
    return [{ path, package: parts.length === 0 }];
  }
  if (parts.length === 0) return [];
  return roots.map((root) => ({ path: posix2.normalize(posix2.join(root, ...parts)), package: false }));
}

// src/graph/edges.ts
function buildEdges(n, bound, row) {
  const start = new Int32Array(n + 1);
  let list = new Int32Array(bound);
  let end = 0;
  let from = 0;
  const add = (t2) => {
    for (let k = from; k < end; k++) if (list[k] === t2) return;
    list[end++] = t2;
  };
  for (let i = 0; i < n; i++) {
    from = end;
    row(i, add);
    start[i + 1] = end;
  }
  if (end < list.length) list = list.slice(0, end);
  return { start, list };
}
var degree = (e, i) => e.start[i + 1] - e.start[i];
var targets = (e, i) => e.list.subarray(e.start[i], e.start[i + 1]);
function invertEdges(e) {
  const n = e.start.length - 1;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < e.list.length; k++) start[e.list[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(e.list.length);
  for (let i = 0; i < n; i++) for (let k = e.start[i]; k < e.start[i + 1]; k++) list[fill[e.list[k]]++] = i;
  return { start, list };
}
function topologicalOrder(parents, children2) {
  const n = parents.start.length - 1;
  const waiting = new Int32Array(n);
  const order = new Int32Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) if (!(waiting[i] = degree(parents, i))) order[size++] = i;
  for (let k = 0; k < size; k++) {
    const v = order[k];
    for (let e = children2.start[v]; e < children2.start[v + 1]; e++) {
      if (--waiting[children2.list[e]] === 0) order[size++] = children2.list[e];
    }
  }
  return order.subarray(0, size);
}

// src/graph/problems.ts
var at = (node) => node ? { file: node.file, line: node.line } : {};
function duplicateRevision(first, later) {
  return {
    kind: "duplicate-revision",
    message: `Revision ${later.id} is present more than once (${first.file} and ${later.file}); Alembic only warns and uses the last file loaded`,
    revisions: [later.id],
    ...at(later)
  };
}
var ILLEGAL_ID_CHARS = ["+", "-", ":", "@"];
function invalidRevisionId(node, chars) {
  return {
    kind: "invalid-revision-id",
    message: `Character(s) '${chars.join(", ")}' not allowed in revision identifier '${node.id}'`,
    revisions: [node.id],
    ...at(node)
  };
}
var MAX_ID_LENGTH = 32;
function revisionIdTooLong(node) {
  return {
    kind: "revision-id-too-long",
    message: `Revision identifier '${node.id}' is ${node.id.length} characters long; alembic_version.version_num is VARCHAR(${MAX_ID_LENGTH}), so the upgrade to it fails`,
    revisions: [node.id],
    ...at(node)
  };
}
function selfLoop(node) {
  return {
    kind: "self-loop",
    message: `Self-loop is detected in revisions (${node.id})`,
    revisions: [node.id],
    ...at(node)
  };
}
function dependencySelfLoop(node) {
  return {
    kind: "dependency-cycle",
    message: `Dependency self-loop is detected in revisions (${node.id})`,
    revisions: [node.id],
    ...at(node)
  };
}
function cycle(ids, first, viaDependencies) {
  return {
    kind: viaDependencies ? "dependency-cycle" : "cycle",
    message: `${viaDependencies ? "Dependency cycle" : "Cycle"} is detected in revisions (${ids.join(", ")})`,
    revisions: ids,
    ...at(first)
  };
}
function missingParent(node, parent, isLabel) {
  const hint = isLabel ? ` (it is a branch label; down_revision needs a revision id)` : "";
  return {
    kind: "missing-parent",
    message: `Revision ${parent} referenced from ${node.id} is not present${hint}`,
    revisions: [node.id, parent],
    ...at(node)
  };
}
function missingDependency(node, dependency) {
  return {
    kind: "missing-dependency",
    message: `Revision or branch label ${dependency} referenced from ${node.id} (depends_on) is not present`,
    revisions: [node.id, dependency],
    ...at(node)
  };
}
function duplicateBranchLabel(node, label, owner) {
  return {
    kind: "duplicate-branch-label",
    message: `Branch name '${label}' in revision ${node.id} already used by revision ${owner.id}`,
    revisions: owner === node ? [node.id] : [node.id, owner.id],
    ...at(node)
  };
}
function labelClashesRevision(node, label) {
  return {
    kind: "label-clashes-revision",
    message: `Branch name '${label}' in revision ${node.id} already used by revision ${label}`,
    revisions: label === node.id ? [node.id] : [node.id, label],
    ...at(node)
  };
}

// src/graph/cycles.ts
function cyclicComponents(edges) {
  const { start, list } = edges;
  const n = start.length - 1;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = [];
  const frames = [];
  const out = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] >= 0) continue;
    frames.push(root, 0);
    while (frames.length) {
      const v = frames[frames.length - 2];
      const pos2 = frames[frames.length - 1];
      if (pos2 === 0 && order[v] < 0) {
        order[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      if (start[v] + pos2 < start[v + 1]) {
        frames[frames.length - 1] = pos2 + 1;
        const w = list[start[v] + pos2];
        if (order[w] < 0) frames.push(w, 0);
        else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      frames.length -= 2;
      if (frames.length) {
        const parent = frames[frames.length - 2];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) out.push(component);
      }
    }
  }
  return out;
}
function checkCycles(core, resolved, acyclic, problems) {
  const hasDependencies = resolved.some((deps) => deps.length > 0);
  if (acyclic && !hasDependencies) return false;
  const versioned = acyclic ? [] : cyclicComponents(core.parents);
  const componentOf = /* @__PURE__ */ new Map();
  for (const c of versioned) {
    for (const i of c) componentOf.set(i, c);
    problems.push(report(core, c, false));
  }
  const { start, list } = core.parents;
  const bound = list.length + resolved.reduce((sum, deps) => sum + deps.length, 0);
  const all = cyclicComponents(
    buildEdges(resolved.length, bound, (i, add) => {
      for (let e = start[i]; e < start[i + 1]; e++) add(list[e]);
      const deps = resolved[i];
      for (let k = 0; k < deps.length; k++) add(deps[k]);
    })
  );
  let found = versioned.length > 0;
  for (const c of all) {
    const same2 = componentOf.get(c[0]);
    if (same2 && same2.length === c.length && c.every((i) => componentOf.get(i) === same2)) continue;
    problems.push(report(core, c, true));
    found = true;
  }
  return found;
}
function report(core, members, viaDependencies) {
  const first = members.reduce((a, b) => Math.min(a, b));
  const ids = members.map((i) => core.ids[i]).sort();
  return cycle(ids, core.nodes[first], viaDependencies);
}

// src/graph/dependencies.ts
var NONE = Object.freeze([]);
function resolveDependencies(core, labelOwner, topo, problems) {
  let missing = false;
  const resolved = core.nodes.map((node, i) => {
    if (!node.dependsOn.length) return NONE;
    const out = [];
    for (const dep of node.dependsOn) {
      const target = core.index.get(dep) ?? labelOwner.get(dep);
      if (target === void 0) {
        missing = true;
        problems.push(missingDependency(node, dep));
      } else if (target === i) {
        problems.push(dependencySelfLoop(node));
      } else if (!out.includes(target)) out.push(target);
    }
    return out;
  });
  return { resolved, normalized: normalize(core, resolved, topo), missing };
}
function normalize(core, resolved, topo) {
  if (resolved.every((deps) => deps === NONE)) return resolved;
  const { start, list } = core.parents;
  const above = new Array(core.nodes.length);
  const withOwn = new Array(core.nodes.length);
  for (let t2 = 0; t2 < topo.length; t2++) {
    const i = topo[t2];
    let acc;
    let owned = false;
    for (let e = start[i]; e < start[i + 1]; e++) {
      const s = withOwn[list[e]];
      if (!s || s === acc) continue;
      if (!acc) acc = s;
      else {
        if (!owned) {
          acc = new Set(acc);
          owned = true;
        }
        for (const x of s) acc.add(x);
      }
    }
    above[i] = acc;
    withOwn[i] = resolved[i].length ? /* @__PURE__ */ new Set([...acc ?? [], ...resolved[i]]) : acc;
  }
  return resolved.map((deps, i) => {
    const a = above[i];
    return a && deps.length ? deps.filter((d) => !a.has(d)) : deps;
  });
}

// src/graph/nodes.ts
function indexNodes(input, problems) {
  const index = /* @__PURE__ */ new Map();
  const nodes = [];
  for (let k = 0; k < input.length; k++) {
    const node = input[k];
    const seen = index.get(node.id);
    if (seen === void 0) {
      index.set(node.id, nodes.length);
      nodes.push(node);
    } else {
      problems.push(duplicateRevision(nodes[seen], node));
      nodes[seen] = node;
    }
  }
  let bound = 0;
  const ids = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    checkId(nodes[i], problems);
    bound += nodes[i].downRevisions.length;
    ids[i] = nodes[i].id;
  }
  const parents = buildEdges(nodes.length, bound, (i, add) => {
    const down = nodes[i].downRevisions;
    for (let k = 0; k < down.length; k++) {
      const p = index.get(down[k]);
      if (p !== void 0 && p !== i) add(p);
    }
  });
  return { nodes, ids, index, parents, children: invertEdges(parents) };
}
var ILLEGAL = /[@+:-]/;
function checkId(node, problems) {
  if (ILLEGAL.test(node.id)) {
    const illegal = ILLEGAL_ID_CHARS.filter((c) => node.id.includes(c));
    problems.push(invalidRevisionId(node, illegal));
  }
  if (node.id.length > MAX_ID_LENGTH) problems.push(revisionIdTooLong(node));
}
function checkParents(core, isLabel, problems) {
  let missing = false;
  for (let i = 0; i < core.nodes.length; i++) {
    const node = core.nodes[i];
    for (let k = 0; k < node.downRevisions.length; k++) {
      const id2 = node.downRevisions[k];
      if (id2 === node.id) problems.push(selfLoop(node));
      else if (!core.index.has(id2)) {
        missing = true;
        problems.push(missingParent(node, id2, isLabel(id2)));
      }
    }
  }
  return missing;
}
function onlyParent(core, i) {
  const { start, list } = core.parents;
  return start[i + 1] - start[i] === 1 && core.nodes[i].downRevisions.length === 1 ? list[start[i]] : -1;
}

// src/graph/labels.ts
function mapBranchLabels(core, problems) {
  const owner = /* @__PURE__ */ new Map();
  for (let i = 0; i < core.nodes.length; i++) {
    const node = core.nodes[i];
    if (!node.branchLabels.length) continue;
    for (const label of node.branchLabels) {
      const taken = owner.get(label);
      if (core.index.has(label)) problems.push(labelClashesRevision(node, label));
      else if (taken !== void 0)
        problems.push(duplicateBranchLabel(node, label, core.nodes[taken]));
      else owner.set(label, i);
    }
  }
  return owner;
}
function computeLabels(core, allNext, topo) {
  const { nodes } = core;
  const { start, list } = core.parents;
  const declared = nodes.map((node) => node.branchLabels.length ? sorted(node.branchLabels) : EMPTY);
  const labels = declared.slice();
  for (let t2 = 0; t2 < topo.length; t2++) {
    const i = topo[t2];
    let acc = declared[i];
    for (let e = start[i]; e < start[i + 1]; e++) acc = union(acc, labels[list[e]]);
    labels[i] = acc;
  }
  spreadToAncestors(core, allNext, labels);
  return labels;
}
var EMPTY = [];
function sorted(xs) {
  return [...new Set(xs)].sort();
}
function union(a, b) {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  if (b.every((x) => a.includes(x))) return a;
  if (a.every((x) => b.includes(x))) return b;
  return sorted([...a, ...b]);
}
function spreadToAncestors(core, allNext, labels) {
  const { nodes, children: children2 } = core;
  const passes = (i) => allNext[i] <= 1 && nodes[i].downRevisions.length <= 1;
  const UNKNOWN = -1;
  const NOT_CLEAN = -2;
  const runOf = new Array(nodes.length).fill(UNKNOWN);
  const runs = [];
  for (let r = 0; r < nodes.length; r++) {
    if (!nodes[r].branchLabels.length) continue;
    if (runOf[r] === UNKNOWN) walkRun(r);
    if (runOf[r] >= 0) runs[runOf[r]].declared.push(...nodes[r].branchLabels);
  }
  for (const run of runs) {
    const spread = sorted(run.declared);
    for (const i of run.members) labels[i] = union(labels[i], spread);
  }
  function walkRun(r) {
    const up = [];
    let x = r;
    let clean = true;
    for (; ; ) {
      if (runOf[x] !== UNKNOWN || !passes(x)) {
        clean = runOf[x] >= 0 && passes(x);
        break;
      }
      up.push(x);
      runOf[x] = NOT_CLEAN;
      if (!degree(children2, x)) break;
      x = children2.list[children2.start[x]];
    }
    if (!clean) return;
    const id2 = runOf[x] >= 0 ? runOf[x] : runs.push({ members: [], declared: [] }) - 1;
    const run = runs[id2];
    for (const i of up) {
      runOf[i] = id2;
      run.members.push(i);
    }
    let p = onlyParent(core, r);
    while (p >= 0 && runOf[p] === UNKNOWN && passes(p)) {
      runOf[p] = id2;
      run.members.push(p);
      p = onlyParent(core, p);
    }
  }
}

// src/graph/lines.ts
function singleParentForest(down, up) {
  const n = down.start.length - 1;
  const enter = new Int32Array(n);
  const exit = new Int32Array(n);
  const root = new Int32Array(n);
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  let clock = 0;
  for (let r = 0; r < n; r++) {
    if (degree(down, r) === 1) continue;
    let top = 0;
    stack[0] = r;
    cursor[r] = up.start[r];
    enter[r] = clock++;
    root[r] = r;
    while (top >= 0) {
      const v = stack[top];
      if (cursor[v] < up.start[v + 1]) {
        const c = up.list[cursor[v]++];
        if (degree(down, c) !== 1) continue;
        enter[c] = clock++;
        root[c] = r;
        cursor[c] = up.start[c];
        stack[++top] = c;
      } else {
        exit[v] = clock++;
        top--;
      }
    }
  }
  return {
    descends(t2, c) {
      if (enter[c] <= enter[t2] && exit[t2] <= exit[c]) return true;
      return degree(down, root[t2]) === 0 ? false : void 0;
    }
  };
}

// src/graph/order.ts
function upgradeOrder(down, up, realHeads) {
  const n = down.start.length - 1;
  const pendingChildren = new Int32Array(n);
  for (let i = 0; i < n; i++) pendingChildren[i] = degree(up, i);
  const emitted = new Uint8Array(n);
  const isTip = new Uint8Array(n);
  const seen = new Int32Array(n);
  const skipped = new Int32Array(n);
  let stamp = 0;
  let forest;
  const tips = realHeads.slice();
  for (const t2 of tips) isTip[t2] = 1;
  const out = [];
  let idx = 0;
  while (tips.length) {
    const candidate = tips[idx];
    if (pendingChildren[candidate] > 0) {
      idx = firstTipAbove(candidate, idx);
      if (idx < 0) return void 0;
      continue;
    }
    out.push(candidate);
    emitted[candidate] = 1;
    isTip[candidate] = 0;
    const first = down.start[candidate];
    const end = down.start[candidate + 1];
    for (let e = first; e < end; e++) pendingChildren[down.list[e]]--;
    let replaced = false;
    for (let e = first; e < end; e++) {
      const p = down.list[e];
      if (emitted[p] || isTip[p]) continue;
      if (replaced) tips.push(p);
      else tips[idx] = p;
      isTip[p] = 1;
      replaced = true;
    }
    if (!replaced) {
      tips.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    }
  }
  return out.reverse();
  function firstTipAbove(candidate, idx2) {
    forest ??= singleParentForest(down, up);
    for (let j = 0; j < tips.length; j++) {
      if (j === idx2) continue;
      const answer = forest.descends(tips[j], candidate);
      if (answer === true) return j;
      if (answer === void 0) break;
    }
    stamp++;
    const best = idx2 === 0 ? 1 : 0;
    const queue = [candidate];
    seen[candidate] = stamp;
    for (let k = 0; k < queue.length; k++) {
      const v = queue[k];
      const end = up.start[v + 1];
      let from = Math.max(skipped[v], up.start[v]);
      while (from < end && emitted[up.list[from]]) from++;
      skipped[v] = from;
      for (let e = from; e < end; e++) {
        const c = up.list[e];
        if (emitted[c] || seen[c] === stamp) continue;
        seen[c] = stamp;
        if (c === tips[best]) return best;
        queue.push(c);
      }
    }
    for (let j = 0; j < tips.length; j++) if (j !== idx2 && seen[tips[j]] === stamp) return j;
    return -1;
  }
}

// src/graph/revision-graph.ts
function buildGraph(nodes) {
  const problems = [];
  const core = indexNodes(nodes, problems);
  const { ids, parents, children: children2 } = core;
  const n = ids.length;
  const labelOwner = mapBranchLabels(core, problems);
  const missingParent3 = checkParents(core, (name2) => labelOwner.has(name2), problems);
  const topo = topologicalOrder(parents, children2);
  const deps = resolveDependencies(core, labelOwner, topo, problems);
  const cyclic = checkCycles(core, deps.resolved, topo.length === n, problems);
  const allNext = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const from = parents.start[i];
    const to = parents.start[i + 1];
    for (let e = from; e < to; e++) allNext[parents.list[e]]++;
    const resolved = deps.resolved[i];
    for (let k = 0; k < resolved.length; k++) {
      let e = from;
      while (e < to && parents.list[e] !== resolved[k]) e++;
      if (e === to) allNext[resolved[k]]++;
    }
  }
  const heads2 = [];
  const realHeads = [];
  const effectiveHeads = [];
  const bases2 = [];
  const branchPoints = [];
  const mergePoints = [];
  for (let i = 0; i < n; i++) {
    const id2 = ids[i];
    const nChildren = degree(children2, i);
    if (nChildren === 0) {
      heads2.push(id2);
      if (allNext[i]) effectiveHeads.push(id2);
      else realHeads.push(i);
    }
    if (nChildren > 1) branchPoints.push(id2);
    const down = core.nodes[i].downRevisions.length;
    if (down === 0) bases2.push(id2);
    else if (down > 1) mergePoints.push(id2);
  }
  const labels = computeLabels(core, allNext, topo);
  const loops = problems.some((p) => p.kind === "self-loop" || p.kind === "dependency-cycle");
  const broken = cyclic || loops || missingParent3 || deps.missing;
  let order;
  if (!broken) {
    const extra = deps.normalized.reduce((sum, d) => sum + d.length, 0);
    const down = !extra ? parents : buildEdges(n, parents.list.length + extra, (i, add) => {
      for (let e = parents.start[i]; e < parents.start[i + 1]; e++) add(parents.list[e]);
      const normalized = deps.normalized[i];
      for (let k = 0; k < normalized.length; k++) add(normalized[k]);
    });
    order = upgradeOrder(down, extra ? invertEdges(down) : children2, realHeads)?.map((i) => ids[i]);
  }
  const byId = /* @__PURE__ */ new Map();
  const dependencies = /* @__PURE__ */ new Map();
  for (let i = 0; i < n; i++) {
    byId.set(ids[i], core.nodes[i]);
    const targets2 = deps.normalized[i];
    if (targets2.length) {
      dependencies.set(
        ids[i],
        targets2.map((x) => ids[x])
      );
    }
  }
  let labelsOf;
  return {
    nodes: core.nodes,
    byId,
    heads: heads2,
    realHeads: realHeads.map((i) => ids[i]),
    effectiveHeads,
    bases: bases2,
    branchPoints,
    mergePoints,
    // Only checks ask for labels; drawing a graph does not.
    get labelsOf() {
      return labelsOf ??= new Map(ids.map((id2, i) => [id2, labels[i]]));
    },
    dependencies,
    childrenOf: (id2) => {
      const i = core.index.get(id2);
      return i === void 0 ? [] : Array.from(targets(children2, i), (c) => ids[c]);
    },
    order,
    problems
  };
}

// src/analysis/snapshot.ts
var NONE2 = Object.freeze([]);
function nodesOf(files) {
  const nodes = [];
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if (!f.revision || !f.downRevision) continue;
    nodes.push({
      id: f.revision.value,
      downRevisions: f.downRevision.value,
      dependsOn: f.dependsOn?.value ?? NONE2,
      branchLabels: f.branchLabels?.value ?? NONE2,
      file: f.file,
      line: f.revision.line
    });
  }
  return nodes;
}
function snapshotOf(env, files) {
  let byPath;
  return {
    env,
    files,
    // Only checks look files up by path; `graph` never does.
    get byPath() {
      return byPath ??= new Map(files.map((f) => [f.file, f]));
    },
    graph: buildGraph(nodesOf(files))
  };
}

// src/analysis/parse-cache.ts
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join5 } from "node:path";
function toLean(r) {
  const lean = [
    r.revision?.value ?? null,
    r.revision?.line ?? 0,
    r.revisionFromFilename ? 1 : 0,
    r.downRevision?.value ?? null,
    r.branchLabels?.value ?? null,
    r.dependsOn?.value ?? null,
    r.problems
  ];
  const empty = (v, k) => k === 2 ? v === 0 : k === 3 ? v === null : v === null || v.length === 0;
  while (lean.length > 2 && empty(lean[lean.length - 1], lean.length - 1)) lean.pop();
  return lean;
}
var NO_PROBLEMS = Object.freeze([]);
function fromLean(file, lean) {
  const line = lean[1];
  const r = { file, problems: lean[6] ?? NO_PROBLEMS, lean: true };
  if (lean[0] !== null) r.revision = at2(lean[0], line);
  if (lean[2]) r.revisionFromFilename = true;
  if (lean[3]) r.downRevision = at2(lean[3], line);
  if (lean[4]) r.branchLabels = at2(lean[4], line);
  if (lean[5]) r.dependsOn = at2(lean[5], line);
  return r;
}
function at2(value, line) {
  return { value, line, column: 0, endLine: line, endColumn: 0, text: "" };
}
var FORMAT = 4;
var MAX_ENTRIES = 1e5;
var ParseCache = class {
  /** Stored results by key, as loaded. */
  stored = /* @__PURE__ */ new Map();
  loading;
  /** Results parsed by this run. */
  fresh = /* @__PURE__ */ new Map();
  /** Stored entries this run used (kept first when the file is over its cap); a list: pushing is cheap. */
  used = [];
  file;
  /**
   * Starts reading the stored results; ready() says when they are in. Made early, the read and its JSON
   * parse happen while the run waits for git's listing, which takes longer.
   */
  constructor(repoRoot2, version = "0") {
    if (!repoRoot2 || process.env.HEADSUP_CACHE === "off") return;
    const dir = process.env.HEADSUP_CACHE_DIR ?? join5(process.env.XDG_CACHE_HOME ?? join5(homedir(), ".cache"), "headsup");
    const id2 = pathHash(repoRoot2);
    this.file = join5(dir, `parse-${FORMAT}-${version}-${id2}.json`);
    this.loading = readFile(this.file, "utf8").then(
      (text3) => {
        try {
          const entries = JSON.parse(text3);
          if (Array.isArray(entries)) this.stored = new Map(entries);
        } catch {
        }
      },
      () => {
      }
      // no cache yet, or an unreadable one: start empty
    );
  }
  /** Resolves once the stored results are loaded (or known to be missing); lookups before that miss. */
  ready() {
    return this.loading ?? Promise.resolve();
  }
  /** Once ready: whether nothing is stored (a first run, or the cache is off), so every file will be parsed. */
  get empty() {
    return this.stored.size === 0;
  }
  static key(path, contentId) {
    return `${path}\0${contentId}`;
  }
  /** The result for `key` (made by key(), from `path` and its content id). */
  get(key2, path) {
    const stored = this.stored.get(key2);
    if (stored === void 0) return this.fresh.get(key2);
    this.used.push(key2);
    return fromLean(path, stored);
  }
  /** Only durable results: not those that depend on other files of the tree (imported constants). */
  set(key2, result) {
    this.fresh.set(key2, result);
  }
  /**
   * When this run parsed something the file lacks: write what it parsed, then the stored entries it used,
   * then older ones, up to a cap. Never fails the run.
   */
  save() {
    if (!this.file) return;
    const added = [...this.fresh.keys()].some((k) => !this.stored.has(k));
    if (!added) return;
    const merged2 = /* @__PURE__ */ new Map();
    for (const [k, v] of this.fresh) merged2.set(k, toLean(v));
    for (const k of this.used) if (merged2.size < MAX_ENTRIES) merged2.set(k, this.stored.get(k));
    for (const [k, v] of this.stored) {
      if (merged2.size >= MAX_ENTRIES) break;
      if (!merged2.has(k)) merged2.set(k, v);
    }
    try {
      mkdirSync(join5(this.file, ".."), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify([...merged2]));
      renameSync(tmp, this.file);
    } catch {
    }
  }
};
function pathHash(s) {
  let h1 = 3735928559;
  let h2 = 1103547991;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507) ^ Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507) ^ Math.imul(h1 ^ h1 >>> 13, 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

// src/analysis/load.ts
var WINDOW = 256;
var STREAM = 64;
function importRoots(env) {
  const roots = [...env.importPaths ?? [], ".", "src"];
  for (let dir = posix3.dirname(env.path); dir !== "." && dir !== "/"; dir = posix3.dirname(dir))
    roots.push(dir);
  return [...new Set(roots)];
}
function preloadParserFor(cache) {
  void cache.ready().then(() => cache.empty && preloadParser());
}
async function loadEnvironment(tree, env, cache, touched = /* @__PURE__ */ new Set()) {
  const paths = await listRevisionFiles(tree, env);
  const loadModule = moduleLoaderFor((p) => tree.read(p), importRoots(env));
  const files = new Array(paths.length);
  const misses = [];
  const [ids] = await Promise.all([tree.contentIds(paths), cache.ready()]);
  const keys = ids.map((id2, i) => id2 ? ParseCache.key(paths[i], id2) : void 0);
  for (let i = 0; i < paths.length; i++) {
    const key2 = keys[i];
    const hit = key2 && !(touched.size && touched.has(paths[i])) ? cache.get(key2, paths[i]) : void 0;
    if (hit) files[i] = hit;
    else misses.push(i);
  }
  let j = 0;
  for await (const contents of contentsOf(
    tree,
    misses.map((i) => paths[i])
  )) {
    for (const content2 of contents) {
      const i = misses[j++];
      const path = paths[i];
      if (content2 instanceof UnreadableFile) {
        files[i] = {
          file: path,
          problems: [{ kind: "unreadable", message: content2.message, line: 1, column: 0 }]
        };
        continue;
      }
      let imported = false;
      files[i] = await parseRevisionFile(path, content2 ?? Buffer.alloc(0), {
        lean: !touched.has(path),
        loadModule: (dotted, from) => {
          imported = true;
          return loadModule(dotted, from);
        }
      });
      const key2 = keys[i];
      if (key2 && !imported) cache.set(key2, files[i]);
    }
  }
  return snapshotOf(env, files);
}
async function* contentsOf(tree, paths) {
  if (tree.readAll && paths.length >= STREAM) {
    yield* tree.readAll(paths);
    return;
  }
  const read = (path) => tree.read(path).catch(unreadable);
  const readWindow = (from) => {
    if (from >= paths.length) return void 0;
    const contents = Promise.all(paths.slice(from, from + WINDOW).map(read));
    contents.catch(() => {
    });
    return contents;
  };
  let next = readWindow(0);
  for (let from = 0; next; from += WINDOW) {
    const contents = await next;
    next = readWindow(from + WINDOW);
    yield contents;
  }
}

// src/rules/graph-queries.ts
function headsAbove(graph2, start) {
  let index = headIndexes.get(graph2);
  if (index === void 0) headIndexes.set(graph2, index = headIndex(graph2));
  return index ? index(start) : headsAboveBySearch(graph2, start);
}
var headIndexes = /* @__PURE__ */ new WeakMap();
var MAX_WORDS = 8e6;
function headIndex(graph2) {
  const nodes = graph2.nodes;
  const n = nodes.length;
  const words = Math.ceil(graph2.heads.length / 32);
  if (n * words > MAX_WORDS) return null;
  const index = /* @__PURE__ */ new Map();
  for (let i = 0; i < n; i++) index.set(nodes[i].id, i);
  const reach = new Uint32Array(n * words);
  const pending = new Int32Array(n);
  const queue = [];
  for (let i = 0; i < n; i++) if (!(pending[i] = graph2.childrenOf(nodes[i].id).length)) queue.push(i);
  graph2.heads.forEach((h, k) => {
    const i = index.get(h);
    if (i !== void 0) reach[i * words + (k >> 5)] |= 1 << (k & 31);
  });
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const id2 of new Set(nodes[v].downRevisions)) {
      const p = index.get(id2);
      if (p === void 0 || p === v) continue;
      for (let w = 0; w < words; w++) reach[p * words + w] |= reach[v * words + w];
      if (--pending[p] === 0) queue.push(p);
    }
  }
  if (queue.length < n) return null;
  return (start) => {
    const i = index.get(start);
    if (i === void 0) return [];
    return graph2.heads.filter((_, k) => reach[i * words + (k >> 5)] >>> (k & 31) & 1);
  };
}
function headsAboveBySearch(graph2, start) {
  const seen = /* @__PURE__ */ new Set([start]);
  const stack = [start];
  while (stack.length) {
    const id2 = stack.pop();
    for (const c of graph2.childrenOf(id2)) {
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  return graph2.heads.filter((h) => seen.has(h));
}
function headsPerBranch(heads2, labelsOf) {
  const counts = /* @__PURE__ */ new Map();
  for (const h of heads2) {
    const labels = labelsOf.get(h) ?? [];
    for (const l of labels.length ? labels : [""]) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return counts;
}

// src/analysis/sketch.ts
var LIMIT = 40;
function sketchOf(ctx) {
  const merged2 = ctx.merged.graph;
  const base = ctx.base?.graph;
  const ids = /* @__PURE__ */ new Set();
  const edges = [];
  for (const id2 of [...ctx.prRevisions].slice(0, LIMIT)) {
    const node = merged2.byId.get(id2);
    if (!node) continue;
    ids.add(id2);
    for (const p of node.downRevisions) {
      ids.add(p);
      edges.push({ from: p, to: id2 });
      if (ctx.prRevisions.has(p) || !base) continue;
      for (const c of base.childrenOf(p)) {
        if (ctx.prRevisions.has(c)) continue;
        ids.add(c);
        edges.push({ from: p, to: c });
        for (const h of headsAbove(base, c)) {
          if (h === c) continue;
          ids.add(h);
          edges.push({ from: c, to: h, indirect: true });
        }
      }
    }
  }
  for (const h of merged2.heads.slice(0, LIMIT)) ids.add(h);
  const heads2 = new Set(merged2.heads);
  return {
    nodes: [...ids].map((id2) => ({
      id: id2,
      origin: ctx.prRevisions.has(id2) ? "pr" : "base",
      head: heads2.has(id2)
    })),
    edges: edges.filter((e, i) => edges.findIndex((o) => o.from === e.from && o.to === e.to) === i)
  };
}

// src/report/shell.ts
var SAFE = /^[A-Za-z0-9_@%+:,./-]+$/;
function shellQuote(arg) {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
function shellArgs(args) {
  return args.map(shellQuote).join(" ");
}

// src/rules/edits.ts
function pythonRevisionValue(ids, quote = "'") {
  const q = (s) => `${quote}${s}${quote}`;
  if (ids.length === 0) return "None";
  if (ids.length === 1) return q(ids[0]);
  return `(${ids.map(q).join(", ")})`;
}
function downRevisionEdit(assignment, ids) {
  const { lines, valueAt, line, endLine: endLine2 } = assignment;
  if (lines === void 0 || valueAt === void 0) return void 0;
  const value = pythonRevisionValue(ids, assignment.quote ?? "'");
  return {
    line,
    endLine: endLine2,
    replacement: lines.slice(0, valueAt.from) + value + lines.slice(valueAt.to),
    original: lines
  };
}
function revisesLine(text3, ids) {
  const prefix = text3.match(/^(\s*Revises:)/)?.[1] ?? "Revises:";
  return `${prefix} ${ids.join(", ")}`;
}
function replaceParent(parents, from, to) {
  const out = [];
  for (const p of parents) {
    const next = p === from ? to : p;
    if (!out.includes(next)) out.push(next);
  }
  return out;
}
function alembicCommand(configFile) {
  return configFile && configFile !== "alembic.ini" ? `alembic -c ${shellQuote(configFile)}` : "alembic";
}

// src/report/wording.ts
function someOf(items, max = 10, separator = ", ") {
  if (items.length <= max) return items.join(separator);
  const and = separator === ", " ? " and" : `${separator.trimEnd()} and`;
  return `${items.slice(0, max).join(separator)}${and} ${items.length - max} more`;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// src/rules/multiple-heads.ts
function forkedBranches(ctx) {
  const before = ctx.base ? headsPerBranch(ctx.base.graph.heads, ctx.base.graph.labelsOf) : /* @__PURE__ */ new Map();
  const after = headsPerBranch(ctx.merged.graph.heads, ctx.merged.graph.labelsOf);
  return new Set(
    [...after].filter(([branch, n]) => n > Math.max(1, before.get(branch) ?? 0)).map(([b]) => b)
  );
}
var multipleHeads = {
  id: "multiple-heads",
  severity: "error",
  doc: 'Merging the PR leaves a branch with more heads than base has; `alembic upgrade head` fails with "Multiple head revisions are present".',
  check(ctx) {
    const baseHeads = ctx.base?.graph.heads ?? [];
    const merged2 = ctx.merged.graph;
    const forked = forkedBranches(ctx);
    if (!forked.size) return [];
    const branchOf = (h) => {
      const labels = merged2.labelsOf.get(h) ?? [];
      return labels.length ? labels : [""];
    };
    const joined = merged2.heads.filter((h) => branchOf(h).some((b) => forked.has(b)));
    const apart = merged2.heads.filter((h) => !joined.includes(h));
    const branches = [...forked].map((b) => b ? `branch \`${b}\`` : "the unlabelled branch");
    const label = [...forked].find((b) => b !== "");
    const failsWith = (target) => `\`alembic upgrade ${shellQuote(target)}\` would fail with "Multiple head revisions are present for given argument '${target}'".`;
    const where3 = apart.length ? `${branches.join(" and ")} of ${ctx.environment}` : ctx.environment;
    const baseLabels = ctx.base?.graph.labelsOf;
    const baseJoined = baseHeads.filter((h) => {
      const labels = baseLabels?.get(h) ?? [];
      return (labels.length ? labels : [""]).some((b) => forked.has(b));
    }).length;
    const newHeads = merged2.heads.filter((h) => !baseHeads.includes(h));
    const describe = (h) => {
      const node = merged2.byId.get(h);
      const origin = ctx.prRevisions.has(h) ? `added by this PR in ${node?.file}` : "on base";
      return `\`${h}\` (${origin})`;
    };
    const forks = [];
    let starts;
    for (const id2 of ctx.prRevisions) {
      const node = merged2.byId.get(id2);
      if (!node) continue;
      if (!node.downRevisions.length && branchOf(id2).some((b) => forked.has(b))) starts ??= id2;
      for (const p of node.downRevisions) {
        const siblings = merged2.childrenOf(p).filter((c) => c !== id2);
        if (!ctx.prRevisions.has(p) && siblings.length > 0) {
          starts ??= id2;
          forks.push(
            `\`${id2}\` builds on \`${p}\`, which also has ${someOf(siblings.map((s) => `\`${s}\``))}`
          );
        }
      }
    }
    const blamed = merged2.byId.get(starts ?? newHeads.find((h) => ctx.prRevisions.has(h)) ?? newHeads[0]);
    const finding2 = {
      rule: this.id,
      severity: "error",
      environment: ctx.environment,
      message: `After this PR, ${where3} has ${joined.length} heads (base has ${baseJoined}): ${someOf(joined.map(describe))}.` + (apart.length ? ` Other branches keep their heads: ${someOf(apart.map((h) => `\`${h}\``))}.` : "") + (forks.length ? ` The fork: ${someOf(forks, 5, "; ")}.` : "") + // What now fails: `upgrade head`, or `upgrade <label>@head` for a labelled branch (with several heads on
      // base already, `upgrade head` failed before this PR too).
      (baseHeads.length <= 1 ? ` ${failsWith("head")}` : label ? ` ${failsWith(`${label}@head`)}` : " Alembic would apply the forked lines in no set order until a merge revision joins them."),
      file: blamed?.file,
      line: blamed?.line,
      fix: {
        summary: "Re-parent the PR\u2019s first revision onto the current base head (see stale-parent), or add a merge revision joining the heads.",
        // With many heads, all of them to join, Alembic's own `heads` says the same in one word.
        // Ids are shell-quoted: Alembic allows `;`, `$(…)` and quotes in them, and this line gets copied.
        command: `${alembicCommand(ctx.merged.env.configFile)} merge -m "merge heads" ${joined.length > 10 && joined.length === merged2.heads.length ? "heads" : shellArgs(joined)}`
      }
    };
    return [finding2];
  }
};

// src/rules/stale-parent.ts
var staleParent = {
  id: "stale-parent",
  severity: "error",
  doc: "A PR revision\u2019s parent already has a child on base (the base moved on); re-parent it onto the current head.",
  check(ctx) {
    const base = ctx.base;
    if (!base) return [];
    const findings = [];
    const baseLabels = new Set([...base.graph.labelsOf.values()].flat());
    for (const id2 of ctx.prRevisions) {
      const node = ctx.merged.graph.byId.get(id2);
      const parsed = node && ctx.merged.byPath.get(node.file);
      if (!node || !parsed?.downRevision) continue;
      if (node.branchLabels.some((l) => !baseLabels.has(l))) continue;
      for (const parent of node.downRevisions) {
        const taken = base.graph.childrenOf(parent).filter((c) => !ctx.prRevisions.has(c));
        if (!base.graph.byId.has(parent) || taken.length === 0) continue;
        const mine = new Set(headsAbove(ctx.merged.graph, id2));
        if (taken.every((t2) => headsAbove(ctx.merged.graph, t2).some((h) => mine.has(h)))) continue;
        const heads2 = headsAbove(base.graph, parent);
        const target = heads2[0];
        if (!target) continue;
        const parents = replaceParent(node.downRevisions, parent, target);
        const code2 = downRevisionEdit(parsed.downRevision, parents);
        const edits = code2 ? [{ file: node.file, ...code2 }] : [];
        const doc = parsed.docstring;
        if (code2 && doc?.revisesLine && doc.revisesText !== void 0 && doc.revises?.includes(parent)) {
          const ids = replaceParent(doc.revises, parent, target);
          edits.push({
            file: node.file,
            line: doc.revisesLine,
            endLine: doc.revisesLine,
            replacement: revisesLine(doc.revisesText, ids),
            original: doc.revisesText
          });
        }
        const others = heads2.length > 1 ? ` (base has several heads above it: ${someOf(heads2)}; pick the branch you mean)` : "";
        findings.push({
          rule: this.id,
          severity: "error",
          environment: ctx.environment,
          file: node.file,
          line: parsed.downRevision.line,
          message: `\`${id2}\` revises \`${parent}\`, but base already continues from \`${parent}\` with ${someOf(taken.map((t2) => `\`${t2}\``))}; the current head of that branch on base is \`${target}\`${others}.`,
          fix: {
            summary: `Set down_revision to \`${target}\`, or keep it and add a merge revision.`,
            ...edits.length ? { edits } : {},
            // Ids are shell-quoted: Alembic allows `;`, `$(…)` and quotes in them, and this line gets copied.
            command: `${alembicCommand(ctx.merged.env.configFile)} merge -m "merge heads" ${shellArgs([target, ...headsAbove(ctx.merged.graph, id2)])}`
          }
        });
      }
    }
    return findings;
  }
};

// src/rules/base-multiple-heads.ts
var baseMultipleHeads = {
  id: "base-multiple-heads",
  severity: "notice",
  doc: "A branch on the base already has several heads; reported once, not blamed on the PR.",
  check(ctx) {
    const heads2 = ctx.base?.graph.heads ?? [];
    if ([...headsPerBranch(heads2, ctx.base?.graph.labelsOf ?? /* @__PURE__ */ new Map())].every(([, n]) => n <= 1)) return [];
    const first = ctx.base.graph.byId.get(heads2[0]);
    return [
      {
        rule: this.id,
        severity: "notice",
        environment: ctx.environment,
        message: `The base branch already has ${heads2.length} heads in ${ctx.environment}: ${someOf(heads2.map((h) => `\`${h}\``))}. Someone should merge them; this PR is not blamed for it.`,
        file: first?.file,
        line: first?.line
      }
    ];
  }
};

// src/rules/graph-problems.ts
var key = (p) => `${p.kind}:${[...p.revisions].sort().join(",")}`;
function graphProblemFindings(ctx, rule, kinds) {
  const onBase = new Set((ctx.base?.graph.problems ?? []).map(key));
  return ctx.merged.graph.problems.filter((p) => kinds.includes(p.kind)).map((p) => {
    const old = onBase.has(key(p));
    return {
      rule,
      severity: old ? "notice" : "error",
      environment: ctx.environment,
      message: old ? `${p.message} (already on the base branch)` : p.message,
      file: p.file,
      line: p.line
    };
  });
}

// src/rules/cycle.ts
var cycle2 = {
  id: "cycle",
  severity: "error",
  doc: "Cycles in down_revision or depends_on (including a revision revising itself): Alembic cannot order them.",
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ["cycle", "self-loop", "dependency-cycle"]);
  }
};

// src/rules/missing-parent.ts
var missingParent2 = {
  id: "missing-parent",
  severity: "error",
  doc: "A down_revision or depends_on names a revision that is not present.",
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ["missing-parent", "missing-dependency"]);
  }
};

// src/rules/duplicate-revision.ts
var duplicateRevision2 = {
  id: "duplicate-revision",
  severity: "error",
  doc: "Two files declare the same revision id; Alembic only warns and silently keeps the last one.",
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ["duplicate-revision"]);
  }
};

// src/rules/branch-label-conflict.ts
var branchLabelConflict = {
  id: "branch-label-conflict",
  severity: "error",
  doc: "A branch label is declared twice, or equals a revision id.",
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ["duplicate-branch-label", "label-clashes-revision"]);
  }
};

// src/rules/invalid-revision-id.ts
var invalidRevisionId2 = {
  id: "invalid-revision-id",
  severity: "error",
  doc: "A revision id with @ - + : or longer than 32 characters (alembic_version.version_num is VARCHAR(32)).",
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ["invalid-revision-id", "revision-id-too-long"]);
  }
};

// src/rules/modified-migration.ts
var modifiedMigration = {
  id: "modified-migration",
  severity: "warning",
  doc: "A migration that exists on base was edited; databases already past it will never run the edit.",
  check(ctx) {
    if (!ctx.base) return [];
    return ctx.changes.filter((c) => c.status === "modified" && ctx.base.byPath.has(landedPath(c))).map((c) => {
      const at3 = landedPath(c);
      const before = ctx.base.byPath.get(at3);
      const after = ctx.merged.byPath.get(at3);
      const id2 = after?.revision?.value ?? before.revision?.value ?? c.path;
      return {
        rule: this.id,
        severity: "warning",
        environment: ctx.environment,
        file: c.path,
        line: after?.revision?.line ?? 1,
        message: `\`${id2}\` already exists on the base branch and this PR edits it; databases already upgraded past \`${id2}\` will never run the change.`,
        fix: {
          summary: "Put the change in a new revision on top of the current head instead of editing an applied one."
        }
      };
    });
  }
};

// src/rules/deleted-migration.ts
var deletedMigration = {
  id: "deleted-migration",
  severity: "error",
  doc: "A migration that exists on base is gone after the PR (deleted, its id changed, or left outside the version locations); databases stamped with it can no longer upgrade or downgrade.",
  check(ctx) {
    const base = ctx.base;
    if (!base) return [];
    const merged2 = ctx.merged;
    const removed = new Set(
      ctx.changes.filter((c) => c.status === "deleted" || c.status === "renamed").map((c) => c.oldPath ?? c.path)
    );
    const now = new Map(ctx.changes.map((c) => [c.oldPath ?? c.path, landedPath(c)]));
    return base.graph.nodes.filter((n) => !merged2.graph.byId.has(n.id)).flatMap((n) => {
      const after = merged2.byPath.get(now.get(n.file) ?? n.file);
      if (after?.problems.length) return [];
      const stranded = `databases stamped with \`${n.id}\` can no longer upgrade or downgrade`;
      const [message2, summary] = removed.has(n.file) && !after ? [
        `This PR deletes \`${n.id}\` (${n.file}), which exists on the base branch; ${stranded}.`,
        "Restore the file; to undo its effect, add a new revision that reverses it."
      ] : after ? [
        `This PR changes the revision id of \`${n.id}\` in ${after.file}${after.revision ? ` to \`${after.revision.value}\`` : ""}; ${stranded}.`,
        `Keep \`${n.id}\` as its id; put new work in a new revision.`
      ] : [
        `\`${n.id}\` (${n.file}) is no longer in a version location of ${ctx.environment} after this PR; ${stranded}.`,
        "Move the file into the environment\u2019s versions folder with the others (or keep the old location in version_locations)."
      ];
      return [
        {
          rule: this.id,
          severity: "error",
          environment: ctx.environment,
          file: n.file,
          line: n.line,
          message: message2,
          fix: { summary }
        }
      ];
    });
  }
};

// src/rules/new-branch.ts
var newBranch = {
  id: "new-branch",
  severity: "error",
  doc: "The PR adds a new base (down_revision = None): an error without a branch label, a notice with one; a labelled branch off an existing revision is a notice too.",
  check(ctx) {
    const baseLabels = new Set([...ctx.base?.graph.labelsOf.values() ?? []].flat());
    const findings = [];
    for (const id2 of ctx.prRevisions) {
      const n = ctx.merged.graph.byId.get(id2);
      if (!n) continue;
      const labels = n.branchLabels.filter((l) => !baseLabels.has(l)).map((l) => `\`${l}\``);
      const at3 = { rule: this.id, environment: ctx.environment, file: n.file, line: n.line };
      if (n.downRevisions.length === 0) {
        if (!(ctx.base?.graph.nodes.length ?? 0) || joinsExisting(ctx, n.id)) continue;
        findings.push(
          n.branchLabels.length ? {
            ...at3,
            severity: "notice",
            message: `\`${n.id}\` starts a new branch labelled ${n.branchLabels.map((l) => `\`${l}\``).join(", ")}.`
          } : {
            ...at3,
            severity: "error",
            message: `\`${n.id}\` has down_revision = None: it starts a second, unlabelled history beside the existing one, so \`alembic upgrade head\` will see two heads.`,
            fix: {
              summary: "Set down_revision to the current head, or give the new branch a branch_labels entry if a separate history is intended."
            }
          }
        );
        continue;
      }
      const others = n.downRevisions.some((p) => ctx.merged.graph.childrenOf(p).some((c) => c !== n.id));
      if (labels.length && others)
        findings.push({
          ...at3,
          severity: "notice",
          message: `\`${n.id}\` starts branch ${labels.join(", ")} off \`${n.downRevisions.join("`, `")}\`: \`alembic upgrade head\` now sees one head more; upgrade with \`heads\` or \`<label>@head\`.`
        });
    }
    return findings;
  }
};
function joinsExisting(ctx, root) {
  const graph2 = ctx.merged.graph;
  const existing = (id2) => ctx.base?.graph.byId.has(id2) ?? false;
  const fromExisting = /* @__PURE__ */ new Map();
  const reachesExisting = (id2) => {
    const known = fromExisting.get(id2);
    if (known !== void 0) return known;
    fromExisting.set(id2, false);
    const node = graph2.byId.get(id2);
    const found = existing(id2) || (node?.downRevisions.some(reachesExisting) ?? false);
    fromExisting.set(id2, found);
    return found;
  };
  const seen = /* @__PURE__ */ new Set([root]);
  const queue = [root];
  for (let id2 = queue.pop(); id2 !== void 0; id2 = queue.pop())
    for (const child of graph2.childrenOf(id2)) {
      if (seen.has(child)) continue;
      if (reachesExisting(child)) return true;
      seen.add(child);
      queue.push(child);
    }
  return false;
}

// src/rules/docstring-mismatch.ts
var same = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
var docstringMismatch = {
  id: "docstring-mismatch",
  severity: "notice",
  doc: "The docstring\u2019s `Revises:` line disagrees with `down_revision` (Alembic uses the code; readers see the docstring).",
  check(ctx) {
    return ctx.changes.filter((c) => c.status !== "deleted").map((c) => ctx.merged.byPath.get(landedPath(c))).filter(
      (f) => f?.downRevision && f.docstring?.revises && f.docstring.revisesLine && !same(f.docstring.revises, f.downRevision.value)
    ).map((f) => {
      const doc = f.docstring;
      const ids = f.downRevision.value;
      return {
        rule: this.id,
        severity: "notice",
        environment: ctx.environment,
        file: f.file,
        line: doc.revisesLine,
        message: `The docstring says \`Revises: ${doc.revises.join(", ")}\` but down_revision is ${ids.length ? ids.map((i) => `\`${i}\``).join(", ") : "None"}.`,
        fix: {
          summary: "Make the docstring match the code.",
          edits: [
            {
              file: f.file,
              line: doc.revisesLine,
              endLine: doc.revisesLine,
              replacement: revisesLine(doc.revisesText ?? "", ids),
              original: doc.revisesText
            }
          ]
        }
      };
    });
  }
};

// src/rules/parse-problems.ts
function parseProblemFindings(ctx, rule, kinds) {
  const touched = new Set(ctx.changes.map(landedPath));
  const findings = [];
  for (const file of ctx.merged.files) {
    for (const p of file.problems) {
      if (!kinds.includes(p.kind)) continue;
      const mine = touched.has(file.file);
      findings.push({
        rule,
        severity: mine ? "error" : "notice",
        environment: ctx.environment,
        file: file.file,
        line: p.line,
        message: mine ? p.message : `${p.message} (already on the base branch)`
      });
    }
  }
  return findings;
}

// src/rules/unresolvable-revision.ts
var unresolvableRevision = {
  id: "unresolvable-revision",
  severity: "error",
  doc: "A revision, down_revision, branch_labels or depends_on value cannot be resolved statically; the file is left out of the graph.",
  check(ctx) {
    return parseProblemFindings(ctx, this.id, ["unresolvable"]);
  }
};

// src/rules/invalid-migration.ts
var invalidMigration = {
  id: "invalid-migration",
  severity: "error",
  doc: "A file in a versions folder does not parse, is not text, or lacks `revision`/`down_revision`; Alembic would fail to load it.",
  check(ctx) {
    return parseProblemFindings(ctx, this.id, ["syntax", "encoding", "invalid", "unreadable"]);
  }
};

// src/rules/index.ts
var rules = [
  multipleHeads,
  staleParent,
  duplicateRevision2,
  missingParent2,
  cycle2,
  branchLabelConflict,
  invalidRevisionId2,
  deletedMigration,
  newBranch,
  modifiedMigration,
  unresolvableRevision,
  invalidMigration,
  docstringMismatch,
  baseMultipleHeads
];

// src/report/model.ts
var rank = { error: 0, warning: 1, notice: 2 };
function compareFindings(a, b) {
  return rank[a.severity] - rank[b.severity] || a.environment.localeCompare(b.environment) || (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule);
}
function fails(severity, failOn) {
  if (failOn === "never") return false;
  return rank[severity] <= rank[failOn];
}
function countFindings(findings) {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
function touchedByPr(env, findings = []) {
  return env.added.length > 0 || env.modified.length > 0 || env.deleted.length > 0 || env.baseHeads.join() !== env.mergedHeads.join() || findings.some((f) => f.environment === env.path && f.severity !== "notice");
}

// src/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};

// src/database-spec.ts
function parseDatabaseSpec(spec) {
  if (spec === "none" || spec === "sqlite" || spec === "pglite") return { kind: spec };
  const scheme = spec.match(/^([a-z0-9+]+):\/\//i)?.[1]?.toLowerCase();
  if (scheme) {
    const base = scheme.split("+")[0];
    if (base === "postgres" || base === "postgresql") return { kind: "url", engine: "postgresql", url: spec };
    if (base === "mysql" || base === "mariadb") return { kind: "url", engine: "mysql", url: spec };
    throw new UsageError(
      `--database: unsupported URL scheme '${scheme}://' (use postgres://, postgresql://, mysql:// or mariadb://)`
    );
  }
  const docker = spec.match(/^docker:(postgres|mysql|mariadb)(?::([\w.-]+))?$/);
  if (docker)
    return {
      kind: "docker",
      engine: docker[1],
      tag: docker[2] ?? "latest"
    };
  throw new UsageError(
    `--database: '${spec}' is not one of none, sqlite, pglite, postgres://\u2026, mysql://\u2026, docker:postgres:TAG, docker:mysql:TAG, docker:mariadb:TAG`
  );
}
function describeDatabase(spec) {
  switch (spec.kind) {
    case "url": {
      try {
        const u = new URL(spec.url);
        if (u.password) u.password = "***";
        return u.toString();
      } catch {
        return `${spec.engine} URL`;
      }
    }
    case "docker":
      return `docker:${spec.engine}:${spec.tag}`;
    default:
      return spec.kind;
  }
}
function parseDialect(value) {
  if (value === "postgresql" || value === "mysql" || value === "sqlite") return value;
  throw new UsageError(`--dialect: '${value}' is not one of postgresql, mysql, sqlite`);
}

// src/version.ts
var VERSION = true ? "0.1.0" : JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

// src/pipeline.ts
async function openTrees(opts) {
  const hints = [];
  const refs = [opts.head ?? "HEAD", ...opts.base ? [opts.base] : []];
  const listing = opts.head ? void 0 : startListing(opts.repo);
  const { root, shas } = await rootAndCommits(opts.repo, refs).catch(
    (e) => opts.head ? Promise.reject(e) : unbornHead(e)
  );
  const headSha = opts.head ? shas[0] : void 0;
  const headish = shas[0];
  let baseSha;
  let baseRef = opts.base;
  if (opts.base) baseSha = shas[1];
  else {
    const remote = await defaultBranchRef(root);
    if (!remote)
      throw new UsageError(
        "cannot find the default branch (no origin/HEAD, main or master); pass --base REF"
      );
    baseSha = await mergeBase(root, remote, headish);
    baseRef = `merge-base(${remote}, ${opts.head ?? "HEAD"})`;
    const ahead = Number(
      (await runGit(root, ["rev-list", "--count", `${baseSha}..${remote}`])).toString().trim()
    );
    if (ahead > 0) {
      hints.push(
        `${remote} is ${plural(ahead, "commit")} past this branch's fork point; \`--base ${remote}\` checks against where it is now.`
      );
    }
  }
  const reader = new BlobReader(root);
  const base = new GitTree(root, baseSha, baseRef, reader);
  const head = headSha ? new GitTree(root, headSha, opts.head, reader) : new WorkTree(root, "working tree", true, listing);
  for (const tree of [base, head]) tree.list().catch(() => {
  });
  const cache = new ParseCache(root, VERSION);
  preloadParserFor(cache);
  const fork = await mergeBase(root, baseSha, headish);
  const prChanges = await changedFiles(
    root,
    fork,
    head instanceof WorkTree ? { worktree: head } : { sha: headSha }
  );
  const changes = fork === baseSha ? prChanges : await followBaseRenames(root, fork, base, prChanges);
  const merged2 = fork === baseSha ? head : new OverlayTree(base, head, changes);
  return {
    root,
    base,
    head,
    merged: merged2,
    changes,
    hints,
    cache,
    close: () => reader.close()
  };
}
async function followBaseRenames(root, fork, base, changes) {
  const edited = changes.filter((c) => c.status === "modified").map((c) => c.path);
  if (!edited.length || (await base.contentIds(edited)).every((id2) => id2 !== void 0)) return changes;
  const moves = await changedFiles(root, fork, { sha: base.sha });
  const renamed = new Map(moves.filter((c) => c.status === "renamed").map((c) => [c.oldPath, c.path]));
  return changes.map((c) => {
    const to = c.status === "modified" ? renamed.get(c.path) : void 0;
    return to === void 0 ? c : { ...c, landsAt: to };
  });
}
function unbornHead(e) {
  if (e instanceof GitError && e.message === "unknown revision 'HEAD'")
    throw new UsageError(
      "this repository has no commits yet, so there is no base to compare with; commit first (`headsup graph` reads the working tree as it is)"
    );
  throw e;
}
function skippedDryRun(opts) {
  const database = opts.database ? describeDatabase(opts.database) : "none";
  if (!opts.dryRun)
    return { status: "skipped", reason: "dry run disabled (--no-dry-run)", database, steps: [] };
  return {
    status: "skipped",
    reason: "dry runs are not available in this version of headsup yet",
    database,
    steps: []
  };
}
async function environmentsOf(trees, explicit, findings) {
  const [onBase, onMerged] = await Promise.all([
    discoverEnvironments(trees.base, explicit),
    discoverEnvironments(trees.merged, explicit)
  ]);
  const key2 = (p) => `${p.file}\0${p.message}`;
  const onBaseProblems = new Set(onBase.problems.map(key2));
  for (const p of onMerged.problems) {
    const old = onBaseProblems.has(key2(p));
    findings.push({
      rule: "config-error",
      severity: old ? "notice" : "error",
      environment: "",
      file: p.file,
      line: p.line,
      message: old ? `${p.message} (already on the base branch)` : p.message
    });
  }
  const pairs = /* @__PURE__ */ new Map();
  for (const e of onBase.environments) pairs.set(e.path, { base: e });
  for (const e of onMerged.environments) pairs.set(e.path, { ...pairs.get(e.path), merged: e });
  const single = (side, file) => {
    const lone = [...pairs].filter(
      ([, p]) => p[side]?.configFile === file && !p[side === "base" ? "merged" : "base"]
    );
    return lone.length === 1 ? lone[0] : void 0;
  };
  for (const [path, pair2] of [...pairs]) {
    const file = pair2.merged?.configFile;
    if (!file || pair2.base || single("merged", file)?.[0] !== path) continue;
    const from = single("base", file);
    if (!from || from[1].base?.source !== pair2.merged.source) continue;
    pairs.delete(from[0]);
    pairs.set(path, { base: from[1].base, merged: pair2.merged });
  }
  return pairs;
}
function changesIn(changes, base, merged2) {
  const inEnv = (p) => p !== void 0 && (merged2.byPath.has(p) || (base?.byPath.has(p) ?? false));
  return changes.filter((c) => inEnv(c.path) || inEnv(c.oldPath) || inEnv(c.landsAt));
}
async function runCheck(opts) {
  const trees = await openTrees(opts);
  try {
    const findings = [];
    const cache = trees.cache;
    const touched = new Set(
      trees.changes.flatMap((c) => [c.path, c.oldPath, c.landsAt].filter((p) => p !== void 0))
    );
    const environments = [];
    for (const [path, pair2] of await environmentsOf(trees, opts.migrations, findings)) {
      const base = pair2.base ? await loadEnvironment(trees.base, pair2.base, cache, touched) : void 0;
      const merged2 = await loadEnvironment(trees.merged, pair2.merged ?? pair2.base, cache, touched);
      const ctx = {
        environment: path,
        base,
        merged: merged2,
        changes: changesIn(trees.changes, base, merged2),
        prRevisions: new Set(merged2.graph.nodes.map((n) => n.id).filter((id2) => !base?.graph.byId.has(id2)))
      };
      if (merged2.env.source === "explicit" && merged2.files.length === 0 && !base?.files.length) {
        findings.push({
          rule: "config-error",
          severity: "error",
          environment: path,
          file: path,
          message: `migrations directory '${path}' (--migrations, or the action's migrations input) holds no revision files on either side (is the path right?)`
        });
      }
      for (const rule of rules) findings.push(...rule.check(ctx));
      environments.push(environmentReport(ctx, opts));
    }
    cache.save();
    findings.sort(compareFindings);
    return {
      schemaVersion: 1,
      tool: { name: "headsup", version: VERSION },
      ok: !findings.some((f) => fails(f.severity, opts.failOn)),
      failOn: opts.failOn,
      base: { ref: trees.base.label, sha: trees.base.sha ?? null },
      head: { ref: trees.head.label, sha: trees.head.sha ?? null },
      environments,
      findings,
      counts: countFindings(findings),
      ...trees.hints.length ? { hints: trees.hints } : {}
    };
  } finally {
    trees.close();
  }
}
function environmentReport(ctx, opts) {
  const { merged: merged2, base } = ctx;
  const order = merged2.graph.order ?? merged2.graph.nodes.map((n) => n.id);
  return {
    kind: "alembic",
    path: ctx.environment,
    source: merged2.env.source,
    baseHeads: base?.graph.heads ?? [],
    mergedHeads: merged2.graph.heads,
    added: order.filter((id2) => ctx.prRevisions.has(id2)).map((id2) => merged2.graph.byId.get(id2)).map((n) => ({
      revision: n.id,
      downRevisions: n.downRevisions,
      file: n.file,
      line: n.line,
      branchLabels: n.branchLabels
    })),
    modified: ctx.changes.filter((c) => c.status === "modified").map((c) => c.path),
    deleted: ctx.changes.filter((c) => c.status === "deleted").map((c) => c.path),
    revisionCount: merged2.graph.nodes.length,
    dryRun: skippedDryRun(opts),
    sketch: sketchOf(ctx)
  };
}

// src/report/escape.ts
var ZWJ = "\u200D";
function defuseMentions(s) {
  return s.replace(/@(?=[A-Za-z0-9])/g, `@${ZWJ}`);
}
function inline(s) {
  const html2 = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return defuseMentions(html2.replace(/([\\`*_[\]|~])/g, "\\$1")).replace(/\r?\n/g, " ");
}
function code(s) {
  const clean = s.replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = "`".repeat(longest + 1);
  const spaced = clean.startsWith(" ") && clean.endsWith(" ") && clean.trim() !== "";
  const pad = clean.startsWith("`") || clean.endsWith("`") || spaced ? " " : "";
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}
function fenced(body, lang = "") {
  const longest = Math.max(2, ...(body.match(/`{3,}/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${body.replace(/\r/g, "")}
${fence}`;
}
function knownCode(values) {
  const set = new Set(values);
  return { values: set, lengths: [...new Set([...set].map((v) => v.length))].sort((a, b) => b - a) };
}
var NO_KNOWN_CODE = knownCode([]);
function edge(s, i) {
  return i < 0 || i >= s.length || /[^\w`]/.test(s[i]);
}
function spanEnd(s, open, known) {
  for (const n of known.lengths) {
    const close = open + 1 + n;
    if (s[close] === "`" && edge(s, close + 1) && known.values.has(s.slice(open + 1, close))) return close;
  }
  for (let j = s.indexOf("`", open + 2); j >= 0; j = s.indexOf("`", j + 1)) if (edge(s, j + 1)) return j;
  return -1;
}
function message(s, known = NO_KNOWN_CODE, text3 = inline) {
  let out = "";
  let from = 0;
  for (let i = s.indexOf("`"); i >= 0; i = s.indexOf("`", i + 1)) {
    if (!edge(s, i - 1)) continue;
    const close = spanEnd(s, i, known);
    if (close < 0) break;
    out += text3(s.slice(from, i)) + code(s.slice(i + 1, close));
    from = close + 1;
    i = close;
  }
  return out + text3(s.slice(from));
}
function mermaidId(s) {
  return "r_" + s.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`);
}
function mermaidLabel(s) {
  return `"${visible(s).replace(/["<>&`#;]/g, "_")}"`;
}
var UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
var NAMED = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function visible(s) {
  return s.replace(UNPRINTABLE, (c) => {
    const n = c.charCodeAt(0);
    return NAMED[c] ?? (n < 256 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16)}`);
  });
}

// src/report/json.ts
function rowsJson(value, indent2 = "") {
  if (!value || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent2}  `;
  let items;
  if (Array.isArray(value)) {
    if (knownRows.has(value)) items = value.map((v) => inner + JSON.stringify(v));
    else if (value.every(scalar)) return JSON.stringify(value);
    else items = value.map((v) => inner + (isRow(v) ? JSON.stringify(v) : rowsJson(v, inner)));
  } else {
    items = Object.entries(value).filter(([, v]) => v !== void 0).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${rowsJson(v, inner)}`);
  }
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return items.length ? `${open}
${items.join(",\n")}
${indent2}${close}` : `${open}${close}`;
}
var knownRows = /* @__PURE__ */ new WeakSet();
function rowList(items) {
  knownRows.add(items);
  return items;
}
var scalar = (v) => v === null || typeof v !== "object";
function isRow(v) {
  return !!v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((f) => scalar(f) || Array.isArray(f) && f.every(scalar));
}

// src/commands/graph.ts
async function openTree(opts) {
  if (!opts.ref) {
    const listing = startListing(opts.repo);
    const root2 = await repoRoot(opts.repo).catch(() => void 0);
    const tree2 = root2 ? new WorkTree(root2, "working tree", true, listing) : new WorkTree(opts.repo, "working tree", false);
    return { tree: tree2, root: root2, close() {
    } };
  }
  const {
    root,
    shas: [sha]
  } = await rootAndCommits(opts.repo, [opts.ref]);
  const tree = new GitTree(root, sha, opts.ref);
  return { tree, root, close: () => tree.close() };
}
var where = (p) => p.line ? `${p.file}:${p.line}` : p.file;
function json(snapshots, ref, config) {
  return rowsJson({
    schemaVersion: 1,
    ref,
    configProblems: config.map((p) => ({ message: p.message, file: p.file, line: p.line ?? null })),
    environments: snapshots.map(({ env, graph: graph2, files }) => ({
      path: env.path,
      source: env.source,
      revisions: rowList(
        graph2.nodes.map((n) => ({
          id: n.id,
          downRevisions: n.downRevisions,
          dependsOn: n.dependsOn,
          branchLabels: n.branchLabels,
          file: n.file,
          line: n.line
        }))
      ),
      heads: graph2.heads,
      bases: graph2.bases,
      branchpoints: graph2.branchPoints,
      mergepoints: graph2.mergePoints,
      order: graph2.order ?? null,
      problems: [
        ...graph2.problems.map((p) => ({ kind: p.kind, message: p.message, file: p.file, line: p.line })),
        ...files.flatMap(
          (f) => f.problems.map((p) => ({ kind: p.kind, message: p.message, file: f.file, line: p.line }))
        )
      ]
    }))
  });
}
function mermaid(snapshots) {
  const out = [];
  for (const { env, graph: graph2 } of snapshots) {
    out.push(`%% ${visible(env.path)}`, "graph BT");
    const heads2 = new Set(graph2.heads);
    for (const n of graph2.nodes) {
      const label = mermaidLabel(n.branchLabels.length ? `${n.id} @${n.branchLabels.join(",")}` : n.id);
      out.push(`  ${mermaidId(n.id)}${heads2.has(n.id) ? `([${label}])` : `[${label}]`}`);
      for (const p of n.downRevisions) out.push(`  ${mermaidId(n.id)} --> ${mermaidId(p)}`);
      for (const d of n.dependsOn)
        if (graph2.byId.has(d)) out.push(`  ${mermaidId(n.id)} -.-> ${mermaidId(d)}`);
    }
  }
  return out.join("\n");
}
function text2(snapshots, config) {
  const v = visible;
  const list = (ids) => ids.map(v).join(", ");
  const out = config.map((p) => `config problem: ${v(p.message)} (${v(where(p))})`);
  if (snapshots.length === 0)
    return [...out, "No Alembic migration environment found (pass --migrations DIR to name one)."].join("\n");
  if (out.length) out.push("");
  for (const { env, graph: graph2, files } of snapshots) {
    out.push(`${v(env.path)} (${env.source}): ${plural(graph2.nodes.length, "revision")}`);
    out.push(`  heads: ${list(graph2.heads) || "none"}`);
    out.push(`  bases: ${list(graph2.bases) || "none"}`);
    if (graph2.branchPoints.length) out.push(`  branch points: ${list(graph2.branchPoints)}`);
    if (graph2.mergePoints.length) out.push(`  merge points: ${list(graph2.mergePoints)}`);
    for (const p of graph2.problems)
      out.push(`  problem: ${v(p.message)}${p.file ? ` (${v(p.file)}:${p.line})` : ""}`);
    for (const f of files)
      for (const p of f.problems) out.push(`  problem: ${v(p.message)} (${v(f.file)}:${p.line})`);
    if (graph2.order) {
      out.push("  upgrade order:");
      for (const id2 of graph2.order) {
        const n = graph2.byId.get(id2);
        out.push(
          `    ${v(id2)}${n.downRevisions.length ? ` <- ${list(n.downRevisions)}` : " (base)"}${n.branchLabels.length ? ` [${list(n.branchLabels)}]` : ""}`
        );
      }
    }
    out.push("");
  }
  return out.join("\n").trimEnd();
}
async function runGraph(opts) {
  const { tree, root, close } = await openTree(opts);
  try {
    const listing = tree.list();
    listing.catch(() => {
    });
    const cache = new ParseCache(root, VERSION);
    preloadParserFor(cache);
    const { environments, problems } = await discoverEnvironments(tree, opts.migrations);
    const snapshots = [];
    for (const env of environments) snapshots.push(await loadEnvironment(tree, env, cache));
    cache.save();
    if (opts.format === "json") return json(snapshots, tree.label, problems);
    if (opts.format === "mermaid") return mermaid(snapshots);
    return text2(snapshots, problems);
  } finally {
    close();
  }
}

// src/report/text.ts
var codes = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1 };
var severityStyle = {
  error: "red",
  warning: "yellow",
  notice: "cyan"
};
function short2(sha) {
  return sha ? ` (${sha.slice(0, 12)})` : "";
}
function finding(f, paint) {
  const where3 = f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : f.environment || "(run)";
  const lines = [
    `${paint(severityStyle[f.severity], f.severity.padEnd(7))} ${paint("bold", f.rule)}  ${where3}`
  ];
  lines.push(`        ${f.message}`);
  if (f.fix) {
    lines.push(`        ${paint("green", "fix:")} ${f.fix.summary}`);
    for (const e of f.fix.edits ?? []) {
      lines.push(`          ${paint("dim", `${e.file}:${e.line}`)}`);
      if (e.original !== void 0)
        lines.push(...e.original.split("\n").map((l) => `          ${paint("red", `- ${l}`)}`));
      lines.push(...e.replacement.split("\n").map((l) => `          ${paint("green", `+ ${l}`)}`));
    }
    if (f.fix.command) lines.push(`        ${f.fix.edits?.length ? "or run:" : "run:"} ${f.fix.command}`);
  }
  return lines;
}
function headList(ids) {
  return ids.length ? someOf(ids) : "none";
}
var LISTED = 50;
var UNTOUCHED_LISTED = 10;
var MULTILINE = /* @__PURE__ */ new Set(["original", "replacement"]);
function printable(value, key2 = "") {
  if (typeof value === "string")
    return MULTILINE.has(key2) ? value.split("\n").map(visible).join("\n") : visible(value);
  if (Array.isArray(value)) return value.map((v) => printable(v, key2));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v, k)]));
  return value;
}
function renderText(raw, opts) {
  const touched = raw.environments.map((e) => touchedByPr(e, raw.findings));
  const report2 = printable(raw);
  const paint = opts.color ? (style, s) => `\x1B[${codes[style]}m${s}\x1B[0m` : (_style, s) => s;
  const out = [];
  out.push(
    `headsup ${report2.tool.version}: ${report2.base.ref}${short2(report2.base.sha)} vs ${report2.head.ref}${short2(report2.head.sha)}`
  );
  const { error, warning, notice } = report2.counts;
  const summary = `${plural(error, "error")}, ${plural(warning, "warning")}, ${plural(notice, "notice")}`;
  out.push(
    report2.ok ? paint("green", `\u2713 ${summary}`) : paint("red", `\u2717 ${summary} (fails on ${report2.failOn})`)
  );
  for (const h of report2.hints ?? []) out.push(paint("dim", `hint: ${h}`));
  if (report2.environments.length === 0)
    out.push("No Alembic migration environment found (pass --migrations DIR to name one).");
  const untouched = report2.environments.filter((_, i) => !touched[i]);
  const brief = untouched.length > UNTOUCHED_LISTED;
  for (const [i, env] of report2.environments.entries()) {
    if (!touched[i]) {
      if (!brief)
        out.push(
          "",
          `${paint("bold", env.path)} (${env.source}): ${plural(env.revisionCount, "revision")}; heads: ${headList(env.mergedHeads)}; unchanged by this PR`
        );
      continue;
    }
    out.push("");
    out.push(
      `${paint("bold", env.path)} (${env.source}): ${plural(env.revisionCount, "revision")}; base heads: ${headList(env.baseHeads)}; after merge: ${headList(env.mergedHeads)}`
    );
    for (const a of env.added.slice(0, LISTED)) {
      const parents = a.downRevisions.length ? `revises ${a.downRevisions.join(", ")}` : "new base";
      out.push(`  + ${a.revision}  ${parents}  ${paint("dim", `${a.file}:${a.line}`)}`);
    }
    const more = env.added.length - LISTED;
    if (more > 0)
      out.push(paint("dim", `  \u2026 and ${plural(more, "more new revision")} (--format json lists every one)`));
    for (const m of env.modified) out.push(`  ~ ${m}`);
    for (const d of env.deleted) out.push(`  - ${d}`);
    if (env.dryRun.status === "skipped") out.push(paint("dim", `  dry run skipped: ${env.dryRun.reason}`));
  }
  if (brief)
    out.push(
      "",
      paint(
        "dim",
        `${plural(untouched.length, "other environment")} unchanged by this PR (--format json lists them)`
      )
    );
  if (report2.findings.length) out.push("");
  for (const f of report2.findings) out.push(...finding(f, paint), "");
  return out.join("\n").trimEnd() + "\n";
}

// src/report/mermaid.ts
function sketchToMermaid(sketch) {
  const lines = ["graph BT"];
  for (const n of sketch.nodes) {
    const label = mermaidLabel(`${n.id}${n.origin === "pr" ? " (PR)" : ""}${n.head ? " \xB7 head" : ""}`);
    lines.push(`  ${mermaidId(n.id)}${n.head ? `([${label}])` : `[${label}]`}`);
  }
  for (const e of sketch.edges)
    lines.push(`  ${mermaidId(e.to)} ${e.indirect ? "-.->" : "-->"} ${mermaidId(e.from)}`);
  const pr = sketch.nodes.filter((n) => n.origin === "pr").map((n) => mermaidId(n.id));
  const heads2 = sketch.nodes.filter((n) => n.head && n.origin === "pr").map((n) => mermaidId(n.id));
  lines.push("  classDef pr fill:#ddf4ff,stroke:#0969da");
  lines.push("  classDef newhead fill:#ffebe9,stroke:#cf222e,stroke-width:2px");
  if (pr.length) lines.push(`  class ${pr.join(",")} pr`);
  if (heads2.length) lines.push(`  class ${heads2.join(",")} newhead`);
  return lines.join("\n");
}

// src/report/markdown.ts
var COMMENT_LIMIT = 65536 - 512;
var icon = { error: "\u274C", warning: "\u26A0\uFE0F", notice: "\u2139\uFE0F" };
function verdict(report2) {
  const { error, warning } = report2.counts;
  const tally = `${plural(error, "error")}, ${plural(warning, "warning")}`;
  if (error > 0 && report2.findings.some(
    (f) => f.severity === "error" && (f.rule === "multiple-heads" || f.rule === "stale-parent")
  )) {
    return `\u274C **This PR would fork the migration graph.** ${tally}.`;
  }
  if (error > 0) return `\u274C **${plural(error, "migration error")}**, ${plural(warning, "warning")}.`;
  const fails2 = report2.ok ? "" : ` This check fails on ${report2.failOn}s.`;
  if (warning > 0) return `\u26A0\uFE0F **No conflicts**, ${plural(warning, "warning")} to review.${fails2}`;
  if (report2.environments.every(
    (e) => e.added.length === 0 && e.modified.length === 0 && e.deleted.length === 0
  )) {
    return "\u2705 **No migration changes.**";
  }
  return "\u2705 **Migrations are clean:** one head after merge, nothing to fix.";
}
function defuseRefs(s) {
  return s.replace(/#(?=\d)/g, "#\u200D").replace(/\b(GH)-(?=\d)/gi, "$1\u200D-").replace(/:\/\//g, ":\u200D//").replace(/\bwww\./gi, "www\u200D.");
}
function txt(s) {
  return defuseRefs(inline(s));
}
function msg(s, c) {
  return message(s, c.known, txt);
}
function reportCode(report2) {
  return knownCode(
    report2.environments.flatMap((e) => [
      ...e.baseHeads,
      ...e.mergedHeads,
      ...e.modified,
      ...e.deleted,
      ...e.added.flatMap((a) => [a.revision, ...a.downRevisions, ...a.branchLabels]),
      ...e.sketch.nodes.map((n) => n.id)
    ])
  );
}
function html(s) {
  const escaped = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/\r?\n/g, " ");
  return defuseRefs(defuseMentions(escaped));
}
function cell(s) {
  return s.replace(/(?<!\\)\|/g, "\\|");
}
function clip2(s, max, what = "characters") {
  if (s.length <= max) return s;
  let end = Math.max(0, max);
  const nl = s.lastIndexOf("\n", end);
  if (nl > end * 0.6) end = nl;
  if (end > 0 && /[\uD800-\uDBFF]/.test(s[end - 1])) end--;
  return `${s.slice(0, end)}
\u2026 ${s.length - end} more ${what} not shown`;
}
var short3 = (sha) => sha.slice(0, 12);
function fileLink(file, line, opts) {
  const text3 = code(`${file}${line ? `:${line}` : ""}`);
  return opts.fileUrl ? `[${text3}](${opts.fileUrl(file, line)})` : text3;
}
function where2(f, opts) {
  if (!f.file) return f.environment ? code(f.environment) : "_run_";
  return fileLink(f.file, f.line, opts);
}
function fixBlock(f, c, cap, shown) {
  if (!f.fix) return [];
  const out = [`**Fix:** ${msg(clip2(f.fix.summary, cap), c)}`];
  for (const e of f.fix.edits ?? []) {
    const diff = [
      ...e.original?.split("\n").map((l) => `- ${l}`) ?? [],
      ...e.replacement.split("\n").map((l) => `+ ${l}`)
    ];
    out.push("", `${code(`${e.file}:${e.line}`)}`, fenced(clip2(diff.join("\n"), cap), "diff"));
  }
  if (f.fix.command && shown.has(f.fix.command))
    out.push("", `${f.fix.edits?.length ? "Or run" : "Run"} the same command as above.`);
  else if (f.fix.command) {
    shown.add(f.fix.command);
    out.push("", `${f.fix.edits?.length ? "Or run" : "Run"}:`, fenced(clip2(f.fix.command, cap), "sh"));
  }
  return out;
}
function fullFinding(f, c, shown) {
  const cap = c.full ? 2e4 : 3e3;
  return [
    `${icon[f.severity]} **${txt(f.rule)}** in ${where2(f, c.opts)}`,
    "",
    msg(clip2(f.message, cap), c),
    "",
    ...fixBlock(f, c, cap, shown)
  ].join("\n").trimEnd();
}
function compactFinding(f, c) {
  return `- ${icon[f.severity]} **${txt(f.rule)}** in ${where2(f, c.opts)}: ${msg(clip2(f.message, 300).replace(/\n.*$/s, "\u2026"), c)}`;
}
function errorsSection(c, budget) {
  const all = c.report.findings.filter((f) => f.severity === "error");
  const errors = [...all.filter((f) => f.fix?.edits?.length), ...all.filter((f) => !f.fix?.edits?.length)];
  if (!errors.length) return "";
  const head = `#### ${errors.length === 1 ? "Error" : `Errors (${errors.length})`}`;
  const shown = /* @__PURE__ */ new Set();
  const full = errors.map((f) => fullFinding(f, c, shown));
  const compact = errors.map((f) => compactFinding(f, c));
  const n = errors.length;
  const fullSize = full.map((s) => c.measure(s) + 2);
  const compactSize = compact.map((s) => c.measure(s) + 1);
  const compactFrom = new Array(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) compactFrom[i] = compactFrom[i + 1] + compactSize[i];
  let fullUpTo = 0;
  let best = -1;
  for (let k = 0; k <= n; k++) {
    if (c.measure(head) + fullUpTo + compactFrom[k] + 2 <= budget) best = k;
    if (k < n) fullUpTo += fullSize[k];
  }
  if (best >= 0) {
    if (best < n) c.cut = true;
    const parts = [head, ...full.slice(0, best)];
    if (best < n) parts.push(compact.slice(best).join("\n"));
    return parts.join("\n\n");
  }
  c.cut = true;
  const lines = [head];
  let size = c.measure(head);
  for (let i = 0; i < n; i++) {
    const more = `- \u2026and ${n - i} more errors; see ${fullerReport(c)}.`;
    if (size + compactSize[i] + c.measure(more) + 2 > budget) return [...lines, more].join("\n");
    lines.push(compact[i]);
    size += compactSize[i];
  }
  return lines.join("\n");
}
function warningsSection(c, budget) {
  const rest = c.report.findings.filter((f) => f.severity !== "error");
  if (!rest.length) return "";
  const notices = rest.some((f) => f.severity === "notice");
  const head = [
    `#### ${notices ? "Warnings and notices" : "Warnings"} (${rest.length})`,
    "",
    "| | rule | where | message |",
    "|---|---|---|---|"
  ];
  const out = [...head];
  let size = c.measure(head.join("\n"));
  for (let i = 0; i < rest.length; i++) {
    const f = rest[i];
    const row = `| ${icon[f.severity]} | ${cell(txt(f.rule))} | ${cell(where2(f, c.opts))} | ${cell(msg(clip2(f.message, c.full ? 4e3 : 600).replace(/\n/g, " "), c))}${f.fix ? `<br>**Fix:** ${cell(msg(clip2(f.fix.summary, 400), c))}` : ""} |`;
    const more = `

\u2026and ${rest.length - i} more; see ${fullerReport(c)}.`;
    const rowSize = c.measure(row) + 1;
    if (size + rowSize + c.measure(more) > budget) {
      c.cut = true;
      return i === 0 ? "" : out.join("\n") + more;
    }
    out.push(row);
    size += rowSize;
  }
  return out.join("\n");
}
function sketchSection(c, budget) {
  const envs = c.report.environments.filter(
    (e) => e.sketch.edges.length || e.sketch.nodes.some((n) => n.origin === "pr")
  );
  if (!envs.length) return "";
  const parts = ["#### Revision graph"];
  for (const env of envs) {
    if (c.report.environments.length > 1) parts.push(`${code(env.path)}`);
    parts.push(fenced(sketchToMermaid(env.sketch), "mermaid"));
  }
  parts.push(
    "<sub>PR revisions in blue; a head this PR adds in red; dotted: several revisions collapsed.</sub>"
  );
  const s = parts.join("\n\n");
  if (c.measure(s) <= budget) return s;
  c.cut = true;
  return "";
}
function stepsOf(env, revision) {
  return env.dryRun.steps.filter((s) => s.revision === revision);
}
var ms = (n) => n >= 1e3 ? `${(n / 1e3).toFixed(1)} s` : `${Math.round(n)} ms`;
function stepSql(step) {
  return step.statements.map((st) => {
    const sql = st.sql.trim();
    const meta2 = [`${ms(st.ms)}`, ...st.locks.length ? [`locks: ${st.locks.join(", ")}`] : []];
    return `${sql}${/;$/.test(sql) ? "" : ";"}
-- ${meta2.join(" \xB7 ").replace(/\n/g, " ")}`;
  }).join("\n\n");
}
function revisionDetails(env, c, sqlCap) {
  return env.added.map((a) => {
    const steps = stepsOf(env, a.revision);
    const total = steps.reduce((t2, s) => t2 + s.ms, 0);
    const statements = steps.reduce((t2, s) => t2 + s.statements.length, 0);
    const failed = steps.some((s) => s.error);
    const locks = [...new Set(steps.flatMap((s) => s.statements.flatMap((st) => st.locks)))];
    const summary = [
      `${failed ? "\u274C " : ""}<code>${html(a.revision)}</code>`,
      a.downRevisions.length ? `revises ${a.downRevisions.map((d) => `<code>${html(d)}</code>`).join(", ")}` : "new base",
      `${plural(statements, "statement")}, ${ms(total)}`,
      ...locks.length ? [`locks: ${html(locks.slice(0, 4).join(", "))}${locks.length > 4 ? ", \u2026" : ""}`] : []
    ].join(" \xB7 ");
    const body = [fileLink(a.file, a.line, c.opts)];
    for (const step of steps) {
      body.push(`**${step.direction}** \xB7 ${ms(step.ms)}`);
      if (sqlCap > 0 && step.statements.length) body.push(fenced(clip2(stepSql(step), sqlCap), "sql"));
      else if (step.statements.length) body.push(`_SQL left out to fit; see ${fullerReport(c)}._`);
      if (step.error) body.push("Error:", fenced(clip2(step.error, c.full ? 2e4 : 2e3), "text"));
    }
    return `<details><summary>${summary}</summary>

${body.join("\n\n")}

</details>`;
  });
}
function revisionTable(env, c, max) {
  const rows = env.added.slice(0, max).map(
    (a) => `| ${cell(code(a.revision))} | ${cell(a.downRevisions.map(code).join(", ")) || "_new base_"} | ${cell(fileLink(a.file, a.line, c.opts))} |`
  );
  return ["| revision | revises | file |", "|---|---|---|", ...rows].join("\n");
}
function dryRunLine(env) {
  const d = env.dryRun;
  const db = d.database && d.database !== "none" ? ` on ${code(d.database)}` : "";
  if (d.status === "skipped")
    return `\u23ED\uFE0F Dry run skipped${db}: ${txt(d.reason ?? "no reason given")}. No SQL was captured.`;
  const total = d.steps.reduce((t2, s) => t2 + s.ms, 0);
  if (d.status === "failed")
    return `\u274C Dry run failed${db}${d.reason ? `: ${txt(d.reason)}` : ""} (${ms(total)}).`;
  return `\u2705 Dry run passed${db}: ${plural(d.steps.length, "step")} in ${ms(total)}.`;
}
function revisionsSection(c, budget) {
  const envs = c.report.environments.filter(
    (e) => e.added.length || e.modified.length || e.deleted.length || e.dryRun.steps.length
  );
  if (!envs.length) return "";
  const caps = c.full ? [2e5, 2e4, 2e3, 0] : [4e3, 1500, 400, 0];
  const render = (cap, withDiff, maxRevisions) => {
    const parts = ["#### Revisions"];
    let shown = 0;
    let hidden = 0;
    for (const env of envs) {
      const lines = [
        `${code(env.path)} \xB7 base ${heads(env.baseHeads)} \u2192 after merge ${heads(env.mergedHeads)}`
      ];
      if (env.added.length) {
        const room = Math.max(0, maxRevisions - shown);
        const details = env.dryRun.steps.length ? revisionDetails(env, c, cap) : void 0;
        const count = details?.length ?? env.added.length;
        if (details) lines.push(...details.slice(0, room));
        else if (room) lines.push(revisionTable(env, c, room));
        shown += Math.min(room, count);
        hidden += Math.max(0, count - room);
      }
      if (env.modified.length) lines.push(`Modified: ${env.modified.map(code).join(", ")}`);
      if (env.deleted.length) lines.push(`Deleted: ${env.deleted.map(code).join(", ")}`);
      lines.push(dryRunLine(env));
      if (withDiff && env.dryRun.schemaDiff)
        lines.push(
          `<details><summary>Schema diff</summary>

${fenced(clip2(env.dryRun.schemaDiff, c.full ? 2e5 : 8e3), "diff")}

</details>`
        );
      parts.push(lines.join("\n\n"));
    }
    if (hidden) parts.push(`\u2026and ${plural(hidden, "more revision")}; see ${fullerReport(c)}.`);
    return parts.join("\n\n");
  };
  const total = envs.reduce((t2, e) => t2 + e.added.length, 0);
  for (const cap of caps)
    for (const withDiff of [true, false]) {
      const s = render(cap, withDiff, total);
      if (c.measure(s) <= budget) {
        if (cap !== caps[0] || !withDiff) c.cut = true;
        return s;
      }
    }
  c.cut = true;
  let best = "";
  let lo = 0;
  let hi = total - 1;
  while (lo <= hi) {
    const n = lo + hi >> 1;
    const s = render(0, false, n);
    if (c.measure(s) <= budget) {
      best = s;
      lo = n + 1;
    } else hi = n - 1;
  }
  return best;
}
function heads(ids) {
  return ids.length ? someOf(ids.map(code), 6) : "_none_";
}
function glance(c, budget) {
  const lines = c.report.environments.filter((e) => touchedByPr(e, c.report.findings)).map((e) => {
    const what = [
      e.added.length ? plural(e.added.length, "new revision") : "",
      e.modified.length ? `${e.modified.length} modified` : "",
      e.deleted.length ? `${e.deleted.length} deleted` : ""
    ].filter(Boolean);
    return `${code(e.path)}: ${what.join(", ") || "no revision changes"} \xB7 heads after merge: ${heads(e.mergedHeads)}`;
  });
  const s = lines.slice(0, 20).join("<br>\n");
  return c.measure(s) <= budget ? s : "";
}
function baseLabel(report2) {
  const { ref, sha } = report2.base;
  if (!sha) return code(ref);
  if (ref === sha || /^[0-9a-f]{7,}$/.test(ref) && sha.startsWith(ref)) return code(short3(sha));
  return `${code(ref)} ${code(short3(sha))}`;
}
function footer(c) {
  const { report: report2, opts } = c;
  const commit = opts.commit ?? report2.head.sha;
  const bits = [
    `headsup ${txt(report2.tool.version)}`,
    ...commit ? [`commit ${code(short3(commit))}`] : [],
    `base ${baseLabel(report2)}`,
    ...opts.runUrl ? [`[workflow run](${opts.runUrl})`] : [],
    ...opts.summaryUrl && opts.summaryUrl !== opts.runUrl && !c.full ? [`[full report](${opts.summaryUrl})`] : []
  ];
  return `<sub>${bits.join(" \xB7 ")}</sub>`;
}
function fullerReport(c) {
  return c.full ? "the report JSON" : "the job summary";
}
function cutNote(c) {
  const where3 = c.opts.summaryUrl ? `the [job summary](${c.opts.summaryUrl})` : "the job summary";
  return c.full ? "> [!NOTE]\n> Parts of this report were shortened to fit the job summary limit; the report JSON has everything." : `> [!NOTE]
> This comment was shortened to fit GitHub's size limit; ${where3} has the full report.`;
}
function renderMarkdown(report2, opts = {}) {
  const c = {
    report: report2,
    opts,
    measure: opts.measure ?? ((s) => s.length),
    full: opts.detail === "full",
    cut: false,
    known: reportCode(report2)
  };
  const limit = opts.limit ?? COMMENT_LIMIT;
  const title = opts.title ?? "### headsup \xB7 migration review";
  const fixed = [title, verdict(report2), footer(c), cutNote(c), ...opts.extra ?? []];
  let budget = limit - fixed.reduce((t2, s) => t2 + c.measure(s), 0) - 64;
  const take = (section) => {
    const s = section(c, Math.max(0, budget));
    budget -= s ? c.measure(s) + 2 : 0;
    return s;
  };
  const errors = take(errorsSection);
  const atGlance = take(glance);
  const warnings = take(warningsSection);
  const sketch = take(sketchSection);
  const revisions = take(revisionsSection);
  const blocks = [
    title,
    verdict(report2),
    atGlance,
    errors,
    sketch,
    warnings,
    revisions,
    ...opts.extra ?? [],
    c.cut ? cutNote(c) : "",
    footer(c)
  ];
  const out = blocks.filter(Boolean).join("\n\n") + "\n";
  if (c.measure(out) <= limit) return out;
  return [title, verdict(report2), cutNote({ ...c, cut: true }), footer(c)].join("\n\n") + "\n";
}

// src/cli.ts
var USAGE = `headsup ${VERSION}: reviews Alembic migrations against the base branch

usage:
  headsup check [--repo DIR] [--base REF] [--head REF] [--format text|markdown|json] [--output FILE]
                [--database SPEC] [--dialect postgresql|mysql|sqlite] [--python CMD]
                [--fail-on error|warning|never] [--no-dry-run] [--migrations DIR]...
  headsup graph [--repo DIR] [--ref REF] [--migrations DIR]... [--format text|json|mermaid]

exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or internal error`;
function oneOf(flag, value, allowed, fallback) {
  if (value === void 0) return fallback;
  if (allowed.includes(value)) return value;
  throw new UsageError(`--${flag}: '${value}' is not one of ${allowed.join(", ")}`);
}
function parse2(argv, options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new UsageError(e.message.split("\n")[0]);
  }
}
async function check(argv) {
  const v = parse2(argv, {
    repo: { type: "string" },
    base: { type: "string" },
    head: { type: "string" },
    format: { type: "string" },
    output: { type: "string" },
    database: { type: "string" },
    dialect: { type: "string" },
    python: { type: "string" },
    "fail-on": { type: "string" },
    "no-dry-run": { type: "boolean" },
    migrations: { type: "string", multiple: true }
  });
  const format = oneOf(
    "format",
    v.format,
    ["text", "markdown", "json"],
    "text"
  );
  const failOn = oneOf(
    "fail-on",
    v["fail-on"],
    ["error", "warning", "never"],
    "error"
  );
  if (v.dialect !== void 0) parseDialect(v.dialect);
  const repo = v.repo ?? ".";
  const [base, head] = [v.base, v.head];
  const report2 = await runCheck({
    repo,
    base,
    head,
    migrations: await repoRelative(v.migrations, () => repoRoot(repo)),
    failOn,
    dryRun: !v["no-dry-run"],
    database: v.database !== void 0 ? parseDatabaseSpec(v.database) : void 0
  }).catch((e) => {
    throw e instanceof NoMergeBaseError ? e.naming(base, head ?? "HEAD") : e;
  });
  const toFile = typeof v.output === "string";
  const body = format === "json" ? JSON.stringify(report2, null, 2) + "\n" : format === "markdown" ? renderMarkdown(report2) : renderText(report2, { color: !toFile && process.stdout.isTTY === true && !process.env.NO_COLOR });
  if (toFile) writeOutput(v.output, body);
  else process.stdout.write(body);
  return report2.ok ? 0 : 1;
}
function writeOutput(path, body) {
  try {
    writeFileSync2(path, body);
  } catch (e) {
    const reason = e.code === "ENOENT" ? "no such directory" : e.message;
    throw new UsageError(`cannot write --output ${path}: ${reason}`);
  }
}
async function repoRelative(dirs, root) {
  if (!dirs?.length) return dirs;
  const top = await root();
  return dirs.map((raw) => {
    const abs = resolve(top, raw);
    const rel = within(top, abs) ?? within(realExisting(top), realExisting(abs));
    if (rel === void 0) throw new UsageError(`--migrations '${raw}' is outside the repository ${top}`);
    return rel;
  });
}
function within(root, path) {
  const rel = relative(root, path);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return void 0;
  return rel === "" ? "." : rel.split(sep).join("/");
}
function realExisting(path) {
  if (existsSync2(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join6(realExisting(parent), path.slice(parent.length));
}
async function graph(argv) {
  const v = parse2(argv, {
    repo: { type: "string" },
    ref: { type: "string" },
    format: { type: "string" },
    migrations: { type: "string", multiple: true }
  });
  const format = oneOf(
    "format",
    v.format,
    ["text", "json", "mermaid"],
    "text"
  );
  const repo = v.repo ?? ".";
  const out = await runGraph({
    repo,
    ref: v.ref,
    // Outside git, graph reads the folder itself, so that is the root.
    migrations: await repoRelative(
      v.migrations,
      () => repoRoot(repo).catch(() => resolve(repo))
    ),
    format
  });
  process.stdout.write(out + "\n");
  return 0;
}
async function main(argv) {
  const [command, ...rest] = argv;
  try {
    if ((command === "check" || command === "graph") && rest.some((a) => a === "--help" || a === "-h")) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    if (command === "check") return await check(rest);
    if (command === "graph") return await graph(rest);
    if (command === "--version" || command === "version") {
      process.stdout.write(`${VERSION}
`);
      return 0;
    }
    if (command === void 0 || command === "help" || command === "--help" || command === "-h") {
      process.stdout.write(USAGE + "\n");
      return command === void 0 ? 2 : 0;
    }
    throw new UsageError(`unknown command '${command}' (expected check or graph; see headsup --help)`);
  } catch (e) {
    const err = e;
    const known = err.name === "UsageError" || err.name === "GitError";
    process.stderr.write(`headsup: ${known ? "" : "internal error: "}${err.message.split("\n")[0]}
`);
    if (!known && process.env.HEADSUP_DEBUG) process.stderr.write(`${err.stack}
`);
    return 2;
  }
}
process.stdout.on("error", (e) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2));
process.stdout.write("", () => process.exit());
export {
  main
};
